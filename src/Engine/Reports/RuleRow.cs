namespace HndGate.Engine.Reports;

/// <summary>One rule outcome (<see cref="Gate.RuleOutcome"/>) as the reports show it.</summary>
/// <param name="Status">"failed", "warning", "waived", "not evaluated" or "passed" (<see cref="Gate.RuleStatusName"/>).</param>
/// <param name="Value">The metric's value; <paramref name="Interval"/> is "[lower, upper]" or empty without a bootstrap.</param>
/// <param name="Baseline">The baseline's value, or "—" without a baseline.</param>
/// <param name="Delta">Signed value − baseline, or "—".</param>
/// <param name="Waiver">The waiver that covers the outcome, when one does (expired ones too).</param>
public sealed record RuleRow(
    string RuleId,
    string Layer,
    string Metric,
    string Severity,
    string On,
    string Value,
    string Interval,
    string Gated,
    string Bound,
    string Baseline,
    string Delta,
    string Status,
    string Message,
    int PolicyLine,
    WaiverRow? Waiver);
