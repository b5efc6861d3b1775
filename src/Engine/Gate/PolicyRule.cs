namespace HndGate.Engine.Gate;

/// <summary>
/// One rule of a policy (docs/policy.md): a metric of a layer, or of every layer, kept within bounds.
/// The schema guarantees at least one bound and the names of <see cref="Severity"/> and <see cref="On"/>.
/// </summary>
/// <param name="Id">Unique in the policy.</param>
/// <param name="Metric">A <see cref="Results.LayerMetrics"/> key, e.g. <c>biased_ratio[gender]</c>.</param>
/// <param name="Layer">The layer the rule applies to; null: every dissected layer.</param>
/// <param name="Min">The least value allowed (absolute bound).</param>
/// <param name="Max">The greatest value allowed (absolute bound).</param>
/// <param name="MaxIncrease">How far the metric may rise above the baseline's value.</param>
/// <param name="MaxDecrease">How far the metric may fall below the baseline's value.</param>
/// <param name="Severity"><see cref="SeverityError"/> or <see cref="SeverityWarning"/>.</param>
/// <param name="On"><see cref="OnValue"/>, <see cref="OnLower95"/> or <see cref="OnUpper95"/>: the statistic the bounds apply to.</param>
/// <param name="Location">The rule's object in the policy file (its line is the annotations' line).</param>
/// <param name="MetricLocation">The rule's <c>metric</c> in the policy file.</param>
/// <param name="LayerLocation">The rule's <c>layer</c> in the policy file, when it names one.</param>
/// <param name="OnLocation">The rule's <c>on</c> in the policy file, when it has one.</param>
public sealed record PolicyRule(
    string Id,
    string Metric,
    string? Layer,
    double? Min,
    double? Max,
    RegressionBound? MaxIncrease,
    RegressionBound? MaxDecrease,
    string Severity,
    string On,
    string? Description,
    InputLocation Location,
    InputLocation MetricLocation,
    InputLocation? LayerLocation,
    InputLocation? OnLocation)
{
    public const string SeverityError = "error";
    public const string SeverityWarning = "warning";
    public const string OnValue = "value";
    public const string OnLower95 = "lower95";
    public const string OnUpper95 = "upper95";

    /// <summary>True when the rule compares with a baseline.</summary>
    public bool HasRegressionBound => MaxIncrease is not null || MaxDecrease is not null;
}
