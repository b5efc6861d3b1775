namespace HndGate.Engine.Gate;

/// <summary>A <see cref="RuleStatus"/> as every output names it (reports, JSON, text).</summary>
public static class RuleStatusName
{
    /// <summary>"passed", "warning", "failed", "waived" or "not evaluated".</summary>
    public static string Of(RuleStatus status) => status switch
    {
        RuleStatus.Passed => "passed",
        RuleStatus.Warning => "warning",
        RuleStatus.Failed => "failed",
        RuleStatus.Waived => "waived",
        RuleStatus.NotEvaluated => "not evaluated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a rule status"),
    };
}
