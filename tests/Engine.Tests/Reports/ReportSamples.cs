using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using HndGate.Engine.Gate;
using HndGate.Engine.Reports;
using HndGate.Engine.Results;

namespace HndGate.Engine.Tests.Reports;

/// <summary>Hand-made results, verdicts and comparisons for the report tests; the layer summaries come from R8 over made-up units.</summary>
internal static class ReportSamples
{
    public static readonly Concept[] Concepts =
    [
        new("nose", ConceptType.Part, "nose"),
        new("brow|arch", ConceptType.Part, "eye"),
        new("eye_left", ConceptType.Part, "eye"),
        new("<script>", ConceptType.Attribute, "mouth"),
        new("Smiling", ConceptType.Attribute, "mouth"),
    ];

    public static readonly (string Family, string[] Subgroups)[] Families =
    [
        ("gender", ["female", "male"]),
        ("age", ["young", "old"]),
    ];

    /// <summary>Two layers, a verdict with every status (failed, warning, waived, expired waiver, not evaluated, passed), a baseline and pictures.</summary>
    public static ReportModel Full() => ReportBuilder.Build(Results(("layer3.0.conv1", 12), ("layer4.1.conv1", 16)), Verdict(), Baseline(), Pictures());

    public static RecordedResults Results(params (string Name, int Units)[] layers) =>
        Results(Concepts, Families, layers);

    public static RecordedResults Results(IReadOnlyList<Concept> concepts, IReadOnlyList<(string Family, string[] Subgroups)> families, params (string Name, int Units)[] layers)
    {
        var layout = new DissectionConcepts(
            concepts,
            [],
            families.Select(f => new GlobalFamilyLayout(f.Family, 0.55, f.Subgroups, f.Subgroups.Select(_ => 10).ToList())).ToList());
        return new RecordedResults(
            new DissectionFingerprint("0.1.0", "sha256:" + new string('a', 64), "resnet18-face", "sha256:" + new string('d', 64), "cpu", []),
            new DissectionSettings(0.005, 0.04, 112, 112, families.Select(f => new KeyValuePair<string, double>(f.Family, 0.55)).ToList()),
            ["local/a.png", "local/<b>&c.png", "local/d.png"],
            layers.Select(l => Layer(l.Name, l.Units, layout)).ToList());
    }

    /// <summary>
    /// Unit u: labelled with concept u mod C and interpretable for it unless u mod 5 = 4 (not localisable); biased towards
    /// subgroup u mod (S+1) of each family when that is a subgroup and u is even.
    /// </summary>
    private static RecordedLayer Layer(string name, int count, DissectionConcepts layout)
    {
        var units = Enumerable.Range(0, count).Select(u =>
        {
            var concept = layout.Concepts[u % layout.Concepts.Count];
            var localisable = u % 5 != 4;
            return new UnitRecord(
                u,
                0.5 + u,
                concept.Name,
                0.125,
                localisable,
                localisable ? concept.Region : null,
                localisable
                    ? layout.Concepts.Where(c => c.Region == concept.Region).Select(c => new ConceptProbability(c.Name, c == concept ? 0.75 : 0.25, c == concept)).ToList()
                    : [],
                layout.Families.Select(f => new FamilyProbabilities(
                    f.Name,
                    f.Subgroups.Select((s, i) => new SubgroupProbability(s, 0.5, u % 2 == 0 && u % (f.Subgroups.Count + 1) == i)).ToList())).ToList(),
                [new TopImage(u % 3, 2.5)]);
        }).ToList();
        return new RecordedLayer(
            name,
            7,
            7,
            10,
            LayerSummary.Summarise(units, layout),
            units,
            units.Select(_ => (IReadOnlyList<double>)new double[layout.Concepts.Count]).ToList());
    }

    public static GateVerdict Verdict() => new("ci/policy.json",
    [
        Outcome("gender-bias", "layer4.1.conv1", "biased_ratio[gender]", RuleStatus.Failed, 0.25, "≤ 0.1",
            "biased_ratio[gender] upper95 = 0.31 exceeds 0.1: 31% of units, 100% over the bound, favour one gender", 7,
            interval: new MetricInterval("biased_ratio[gender]", 0.19, 0.31), on: "upper95", baseline: 0.2),
        Outcome("coverage", "layer3.0.conv1", "coverage_hnd", RuleStatus.Warning, 0.15, "≥ 0.2",
            "coverage_hnd = 0.15 is below 0.2\r\nretrain or lower the bound", 12, severity: "warning"),
        Outcome("coverage", "layer4.1.conv1", "coverage_hnd", RuleStatus.Waived, 0.18, "≥ 0.2",
            "coverage_hnd = 0.18 is below 0.2, waived until 2027-01-31 by @alice: retraining in #123.", 12, severity: "warning",
            waiver: new WaiverUse("retraining in #123", "@alice", new DateOnly(2027, 1, 31), false)),
        Outcome("gender-bias-regression", "layer4.1.conv1", "biased_ratio[gender]", RuleStatus.Failed, 0.25, "increase ≤ 0.02 over baseline",
            "biased_ratio[gender] rose by 0.05 over the baseline (bound 0.02); the waiver by @bob (temporary, until: March) expired on 2026-01-01.", 13,
            baseline: 0.2, waiver: new WaiverUse("temporary, until: March", "@bob", new DateOnly(2026, 1, 1), true, 31)),
        Outcome("units-script", "layer3.0.conv1", "units_per_concept[<script>]", RuleStatus.Passed, 2, "≥ 1",
            "units_per_concept[<script>] = 2 is within ≥ 1", 20),
        Outcome("coverage-regression", "layer3.0.conv1", "coverage_hnd", RuleStatus.NotEvaluated, 0.15, "decrease ≤ 10% from baseline",
            "On layer3.0.conv1, coverage_hnd = 0.15: decrease ≤ 10% from baseline not evaluated: the baseline has no coverage_hnd on layer 'layer3.0.conv1'.", 24),
    ]);

    public static RuleOutcome Outcome(
        string rule,
        string layer,
        string metric,
        RuleStatus status,
        double value,
        string bound,
        string message,
        int line,
        MetricInterval? interval = null,
        string on = "value",
        double? baseline = null,
        string severity = "error",
        WaiverUse? waiver = null) =>
        new(rule, layer, metric, severity, on, value, interval is null ? value : on == "upper95" ? interval.Upper : interval.Lower, interval, bound,
            baseline, baseline is null ? null : value - baseline, status, message, line, waiver);

    public static BaselineComparison Baseline() => new(
        "baseline/results.json",
        ["device: cpu here, cuda:0 in the baseline"],
        [new MetricDelta("layer4.1.conv1", "biased_ratio[gender]", 0.25, 0.2)],
        [
            new UnitChange("layer3.0.conv1", 1, [], [], ["brow|arch"], []),
            new UnitChange("layer4.1.conv1", 3, ["gender/female"], [], ["<script>"], ["nose"]),
            new UnitChange("layer4.1.conv1", 8, [], ["age/young"], [], []),
        ],
        [new LayerConcepts("layer4.1.conv1", ["<script>"]), new LayerConcepts("layer3.0.conv1", [])],
        [new LayerConcepts("layer3.0.conv1", ["brow|arch"])]);

    /// <summary>Stand-in PNG bytes: the reports inline them without decoding.</summary>
    public static IReadOnlyList<UnitPicture> Pictures() =>
    [
        new("layer4.1.conv1", 3, "local/<b>&c.png", 3.25, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]),
        new("layer4.1.conv1", 3, "local/a.png", 2.5, [0x89, 0x50, 0x4E, 0x47, 4, 5, 6]),
        new("layer4.1.conv1", 0, "local/d.png", 1.75, [0x89, 0x50, 0x4E, 0x47, 7, 8, 9]),
    ];
}
