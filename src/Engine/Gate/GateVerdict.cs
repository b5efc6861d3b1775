namespace HndGate.Engine.Gate;

/// <summary>The gate's conclusion: failed when any error-severity rule failed on any layer without a valid waiver.</summary>
/// <param name="PolicyPath">The policy file the rules came from.</param>
/// <param name="Outcomes">Every rule on every layer it applies to, in policy order, then layer order.</param>
public sealed record GateVerdict(string PolicyPath, IReadOnlyList<RuleOutcome> Outcomes)
{
    public bool Passed => Outcomes.All(o => o.Status != RuleStatus.Failed);

    public int Count(RuleStatus status) => Outcomes.Count(o => o.Status == status);
}
