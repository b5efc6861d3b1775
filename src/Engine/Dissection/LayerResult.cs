namespace HndGate.Engine.Dissection;

/// <summary>Everything the method concludes about one layer: per-unit records, the summary, and R3's counts.</summary>
/// <param name="TopCount">k of R2.</param>
/// <param name="Units">One record per unit, in unit order.</param>
public sealed record LayerResult(long TopCount, IReadOnlyList<UnitRecord> Units, LayerSummary Summary, IouCounts Iou);
