namespace HndGate.Engine.Gate;

/// <summary>
/// The current result against a baseline result (typically main's last): every metric's delta per layer,
/// the units whose labels changed, and the concepts the layer gained or lost (interpretable by at least one
/// unit in one result and by none in the other).
/// </summary>
/// <param name="BaselinePath">The baseline results file.</param>
/// <param name="Mismatches">What differs between the two results' inputs (dictionary hash, layer, stage thresholds,
/// architecture); not empty only when the comparison was allowed anyway (--allow-mismatch).</param>
/// <param name="BaselineIntervals">The baseline's bootstrap intervals, when it has them: a rule that gates on an
/// end of the interval compares it with the same end of the baseline's.</param>
public sealed record BaselineComparison(
    string BaselinePath,
    IReadOnlyList<string> Mismatches,
    IReadOnlyList<MetricDelta> Deltas,
    IReadOnlyList<UnitChange> ChangedUnits,
    IReadOnlyList<LayerConcepts> ConceptsGained,
    IReadOnlyList<LayerConcepts> ConceptsLost,
    Results.BootstrapIntervals? BaselineIntervals = null);
