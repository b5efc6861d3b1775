namespace HndGate.Engine.Gate;

/// <summary>One policy rule evaluated on one layer: what was measured, against what, and the conclusion.</summary>
/// <param name="RuleId">The rule's id in the policy.</param>
/// <param name="Metric">The metric key (<see cref="Results.LayerMetrics"/>).</param>
/// <param name="On">"value", "lower95" or "upper95": which statistic the rule gates on.</param>
/// <param name="Value">The metric's value in this result.</param>
/// <param name="Gated">The statistic the bounds were applied to (the value, or an end of its bootstrap interval).</param>
/// <param name="Interval">The bootstrap interval when there is one.</param>
/// <param name="Bound">The bound in words, e.g. "≤ 0.1", "increase ≤ 0.02 over baseline".</param>
/// <param name="Baseline">The baseline's value when a baseline was given.</param>
/// <param name="Delta">Value − baseline value.</param>
/// <param name="Message">One sentence a reviewer can act on.</param>
/// <param name="PolicyLine">The rule's line in the policy file, for annotations.</param>
/// <param name="Waiver">The waiver that covers this outcome (also when expired: then it waives nothing and the message says so).</param>
public sealed record RuleOutcome(
    string RuleId,
    string Layer,
    string Metric,
    string Severity,
    string On,
    double Value,
    double Gated,
    Results.MetricInterval? Interval,
    string Bound,
    double? Baseline,
    double? Delta,
    RuleStatus Status,
    string Message,
    int PolicyLine,
    WaiverUse? Waiver);
