namespace HndGate.Engine.Dissection.Sharding;

/// <summary>What a state folder holds (its manifest's <c>content</c>).</summary>
public enum ShardContent
{
    /// <summary>"phase1": one shard's first pass: top-k buffers and per-image extremes of its ranges.</summary>
    Phase1,

    /// <summary>"thresholds": every shard's first pass merged: the statistics of all images, T_u known.</summary>
    Thresholds,

    /// <summary>"phase2": one shard's tally (R3 counts) against the merged thresholds.</summary>
    Phase2,
}
