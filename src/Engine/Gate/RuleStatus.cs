namespace HndGate.Engine.Gate;

/// <summary>What a rule concluded for one layer.</summary>
public enum RuleStatus
{
    /// <summary>Within every bound.</summary>
    Passed,

    /// <summary>Out of bounds, severity warning: reported, does not fail the gate.</summary>
    Warning,

    /// <summary>Out of bounds, severity error: fails the gate.</summary>
    Failed,

    /// <summary>Out of bounds but covered by a waiver that has not expired.</summary>
    Waived,

    /// <summary>
    /// No bound could be applied: every bound is a regression bound and there is no baseline value (no baseline, or
    /// one without the metric on the layer). Reported apart from passed; does not fail the gate.
    /// </summary>
    NotEvaluated,
}
