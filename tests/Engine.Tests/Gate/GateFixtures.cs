using HndGate.Engine.Dissection;
using HndGate.Engine.Gate;
using HndGate.Engine.Results;
using HndGate.Engine.Tests.Results;

namespace HndGate.Engine.Tests.Gate;

/// <summary>
/// Results and policies built by hand for the gate tests, over <see cref="ResultsFixtures"/>' dictionary
/// (concepts Smiling, AU_12, zeta_brow, AU_1; regions mouth, eye; families gender, age).
/// </summary>
internal static class GateFixtures
{
    public const string PolicyFile = "policy.json";

    /// <summary>
    /// A summary of 16 units whose metrics all differ where they could be confused, so a wrong lookup shows:
    /// the values of <see cref="Values"/>.
    /// </summary>
    public static LayerSummary Summary()
    {
        var localGlobal = new List<LocalGlobalCount>();
        foreach (var concept in ResultsFixtures.Concepts)
        {
            foreach (var family in ResultsFixtures.Families)
            {
                localGlobal.AddRange(family.Subgroups.Select(s => new LocalGlobalCount(concept.Name, family.Name, s, (int)Values.GetValueOrDefault($"local_global[{concept.Name}][{family.Name}][{s}]"))));
            }
        }

        return new LayerSummary(
            16,
            Values["coverage_hnd"],
            Values["coverage_netdissect"],
            [
                new("gender", Values["biased_ratio[gender]"], [new("male", Values["biased_ratio[gender][male]"]), new("female", Values["biased_ratio[gender][female]"])]),
                new("age", Values["biased_ratio[age]"], [new("young", Values["biased_ratio[age][young]"]), new("adult", 0), new("middle", Values["biased_ratio[age][middle]"]), new("old", Values["biased_ratio[age][old]"])]),
            ],
            [new("Smiling", 2), new("AU_12", 1), new("zeta_brow", 4), new("AU_1", 0)],
            [new("mouth", 3), new("eye", 4)],
            [new("attribute", 2), new("action_unit", 1), new("part", 4)],
            9,
            localGlobal);
    }

    /// <summary>The metrics of <see cref="Summary"/> that are not zero, by key.</summary>
    public static readonly IReadOnlyDictionary<string, double> Values = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["coverage_hnd"] = 0.6875,
        ["coverage_netdissect"] = 0.4375,
        ["unlocalisable"] = 9,
        ["biased_ratio[gender]"] = 0.25,
        ["biased_ratio[gender][male]"] = 0.0625,
        ["biased_ratio[gender][female]"] = 0.1875,
        ["biased_ratio[age]"] = 0.5,
        ["biased_ratio[age][young]"] = 0.3125,
        ["biased_ratio[age][middle]"] = 0.125,
        ["biased_ratio[age][old]"] = 0.0625,
        ["units_per_concept[Smiling]"] = 2,
        ["units_per_concept[AU_12]"] = 1,
        ["units_per_concept[zeta_brow]"] = 4,
        ["units_per_region[mouth]"] = 3,
        ["units_per_region[eye]"] = 4,
        ["units_per_type[attribute]"] = 2,
        ["units_per_type[action_unit]"] = 1,
        ["units_per_type[part]"] = 4,
        ["local_global[Smiling][gender][female]"] = 2,
        ["local_global[zeta_brow][age][young]"] = 3,
    };

    public static RecordedLayer Layer(string name, LayerSummary? summary = null) => new(name, 7, 7, 3, summary ?? Summary(), [], []);

    public static RecordedResults ResultsOf(params RecordedLayer[] layers) => new(
        new DissectionFingerprint("0.1.0", "sha256:0a1b", "resnet18", "sha256:2c3d", "cpu", []),
        new DissectionSettings(0.005, 0.04, 112, 112, [new("gender", 0.55), new("age", 0.3)]),
        [],
        layers);

    /// <summary>Results of one layer "layer4" with <see cref="Summary"/>, and the given intervals of that layer.</summary>
    public static RecordedResults WithIntervals(params MetricInterval[] intervals) =>
        ResultsOf(Layer("layer4")) with { Bootstrap = new BootstrapIntervals(200, 1, 0.95, [new LayerIntervals("layer4", intervals)]) };

    /// <summary>A rule as the reader would make it of rule number <paramref name="index"/> at line 10 + index.</summary>
    public static PolicyRule Rule(
        string metric,
        double? min = null,
        double? max = null,
        RegressionBound? maxIncrease = null,
        RegressionBound? maxDecrease = null,
        string severity = PolicyRule.SeverityError,
        string on = PolicyRule.OnValue,
        string? layer = null,
        string id = "rule",
        int index = 0) => new(
        id,
        metric,
        layer,
        min,
        max,
        maxIncrease,
        maxDecrease,
        severity,
        on,
        null,
        new InputLocation(PolicyFile, 10 + index, $"/rules/{index}"),
        new InputLocation(PolicyFile, 10 + index, $"/rules/{index}/metric"),
        layer is null ? null : new InputLocation(PolicyFile, 10 + index, $"/rules/{index}/layer"),
        on == PolicyRule.OnValue ? null : new InputLocation(PolicyFile, 10 + index, $"/rules/{index}/on"));

    public static PolicyWaiver Waiver(string rule, string expires, string? layer = null) => new(
        rule,
        layer,
        "retraining in #123",
        "@alice",
        DateOnly.ParseExact(expires, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        new InputLocation(PolicyFile, 30, "/waivers/0"),
        layer is null ? null : new InputLocation(PolicyFile, 30, "/waivers/0/layer"));

    public static Policy Policy(params PolicyRule[] rules) => new(PolicyFile, PolicyStages.None, null, rules, []);

    public static Policy Policy(IReadOnlyList<PolicyRule> rules, IReadOnlyList<PolicyWaiver> waivers) => new(PolicyFile, PolicyStages.None, null, rules, waivers);

    /// <summary>A comparison whose baseline has <paramref name="baseline"/> for every metric of "layer4" that <paramref name="current"/> has.</summary>
    public static BaselineComparison Baseline(RecordedResults current, Func<string, double> baseline) => new(
        "baseline.json",
        [],
        [.. current.Layers.SelectMany(l => LayerMetrics.Of(l.Summary).Select(m => new MetricDelta(l.Name, m.Key, m.Value, baseline(m.Key))))],
        [],
        [],
        []);

    /// <summary>A clock on a day no fixture waiver has expired by.</summary>
    public static readonly TimeProvider Today = FixedClock.At("2026-11-26");
}
