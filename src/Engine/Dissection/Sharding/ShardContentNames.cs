namespace HndGate.Engine.Dissection.Sharding;

/// <summary>The spelling of <see cref="ShardContent"/> in manifests and on the command line.</summary>
public static class ShardContentNames
{
    public static string ToName(this ShardContent content) => content switch
    {
        ShardContent.Phase1 => "phase1",
        ShardContent.Thresholds => "thresholds",
        ShardContent.Phase2 => "phase2",
        _ => throw new ArgumentOutOfRangeException(nameof(content), content, "unknown content"),
    };

    public static ShardContent Parse(string name) => name switch
    {
        "phase1" => ShardContent.Phase1,
        "thresholds" => ShardContent.Thresholds,
        "phase2" => ShardContent.Phase2,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown content"),
    };
}
