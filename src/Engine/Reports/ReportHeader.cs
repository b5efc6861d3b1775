namespace HndGate.Engine.Reports;

/// <summary>The verdict and what the result was made from: the first thing every report shows.</summary>
/// <param name="Gated">A policy was evaluated; without one the verdict reads "NOT GATED".</param>
/// <param name="Verdict">"PASSED", "FAILED" or "NOT GATED".</param>
/// <param name="NotEvaluated">Outcomes none of whose bounds could be evaluated (<see cref="Gate.RuleStatus.NotEvaluated"/>).</param>
/// <param name="NotEvaluatedReason">Why they could not: "no baseline", or "not in the baseline" when one was given.</param>
/// <param name="PolicyPath">The policy file, empty when not gated.</param>
/// <param name="ModelHash">The model's hash, shortened to 12 hex digits for reading.</param>
/// <param name="DictionaryHash">The dictionary's content hash, shortened likewise.</param>
/// <param name="Settings">The stage thresholds (q, τ_iou, θ per family) in words.</param>
/// <param name="Bootstrap">"B replicates, seed S, 95% intervals", or empty without a noise guard.</param>
/// <param name="BaselinePath">The baseline results file, empty without one.</param>
public sealed record ReportHeader(
    bool Gated,
    bool Passed,
    string Verdict,
    int Failed,
    int Warnings,
    int Waived,
    int PassedRules,
    int NotEvaluated,
    string NotEvaluatedReason,
    int Rules,
    string PolicyPath,
    string Model,
    string ModelHash,
    string DictionaryHash,
    string Device,
    string ToolVersion,
    string Settings,
    string Bootstrap,
    string BaselinePath);
