namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// The manifest of a state folder (<c>hnd-shard.json</c>, schemas/shard.schema.json): what it holds, for which
/// shard and images, and the plan of the run it belongs to, so that merging refuses parts of other runs.
/// </summary>
/// <param name="Shard">The shard that made it; null for merged thresholds.</param>
/// <param name="Local">The local images its statistics or counts cover.</param>
/// <param name="Global">The global images its statistics cover (empty for a tally).</param>
/// <param name="ThresholdsHash">For a tally: the hash of the thresholds folder it was tallied against.</param>
public sealed record ShardManifest(
    ShardContent Content,
    Shard? Shard,
    DissectionPlan Plan,
    ImageRange Local,
    ImageRange Global,
    string? ThresholdsHash)
{
    public const string FileName = "hnd-shard.json";

    /// <summary>How messages name the content: "phase-1 state of shard 2/3", "merged thresholds", "phase-2 tally of shard 1/3".</summary>
    public string Description => Content switch
    {
        ShardContent.Phase1 => $"the phase-1 state of shard {Shard}",
        ShardContent.Thresholds => "merged thresholds",
        _ => $"the phase-2 tally of shard {Shard}",
    };
}
