using System.Text.RegularExpressions;
using HndGate.Engine.Results;

namespace HndGate.Engine.Models.Init;

/// <summary>
/// The policy <c>hnd-gate init</c> writes (templates/init/policy.scriban holds the rules' bounds): per global
/// family, a cap on <c>biased_ratio[family]</c> and on its increase over the baseline; a warning when
/// <c>coverage_hnd</c> falls against the baseline.
/// </summary>
public sealed partial record StarterPolicy(IReadOnlyList<StarterBiasRule> BiasRules)
{
    public const string Template = "init/policy.scriban";

    public static StarterPolicy For(IEnumerable<string> families) => new(families
        .Select(f => new StarterBiasRule(RuleId(f), LayerMetrics.Key("biased_ratio", f), f))
        .ToList());

    // Rule ids are [A-Za-z0-9_.-]+ (the policy schema); a family's name may hold other characters.
    private static string RuleId(string family) => NotInId().Replace(family, "-") + "-bias";

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex NotInId();
}
