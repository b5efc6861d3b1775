namespace HndGate.Engine.Dissection.Sharding;

/// <summary>The options of <c>hnd-gate merge</c>, validated once.</summary>
public sealed record MergeOptions
{
    /// <summary>1: merge phase-1 states into thresholds; 2: merge phase-2 tallies into results.</summary>
    public required int Phase { get; init; }

    /// <summary>The state folders of every shard of the phase, in any order.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Phase 2: the merged thresholds the tallies were made with.</summary>
    public string? ThresholdsPath { get; init; }

    /// <summary>Phase 1: the thresholds folder to write; phase 2: the results JSON.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Throws <see cref="HndGateInputException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if (Phase is not (1 or 2))
        {
            throw new HndGateInputException($"--phase {Phase} must be 1 (merge phase-1 states into thresholds) or 2 (merge phase-2 tallies into results)");
        }

        if (Inputs.Count == 0)
        {
            throw new HndGateInputException($"give the state folders of every shard's phase {Phase} to merge");
        }

        if (Phase == 2 && ThresholdsPath is null)
        {
            throw new HndGateInputException("merge --phase 2 needs --thresholds DIR: the folder 'hnd-gate merge --phase 1' wrote, which the tallies used");
        }

        if (Phase == 1 && ThresholdsPath is not null)
        {
            throw new HndGateInputException("--thresholds is for merge --phase 2: merge --phase 1 is what makes them");
        }
    }
}
