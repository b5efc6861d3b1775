using HndGate.Engine.Dissection;
using HndGate.Engine.Gate;
using HndGate.Engine.Results;
using HndGate.Engine.Tests.Results;
using static HndGate.Engine.Tests.Results.ResultsFixtures;

namespace HndGate.Engine.Tests.Gate;

public sealed class BaselineComparerTests
{
    private const string BaselinePath = "main/results.json";

    // Four units of layer1.0.conv1 (θ gender 0.55, age 0.3; a concept is interpretable as flagged):
    // u0 mouth, AU_12, male; u1 unlocalisable, old; u2 eye, zeta_brow, young; u3 eye, nothing, female.
    private static readonly RecordedResults Before = RecordedResults.Of(ResultsFixtures.Results(
    [
        Unit(0, 1, "AU_12", 0.3, "mouth", [("Smiling", 0.2, false), ("AU_12", 0.8, true)], [0.6, 0.4], [0.25, 0.25, 0.25, 0.25], []),
        Unit(1, 1, "AU_1", 0.01, null, [], [0.5, 0.5], [0.1, 0.2, 0.3, 0.4], []),
        Unit(2, 1, "zeta_brow", 0.3, "eye", [("zeta_brow", 0.9, true), ("AU_1", 0.1, false)], [0.5, 0.5], [0.7, 0.1, 0.1, 0.1], []),
        Unit(3, 1, "AU_1", 0.3, "eye", [("zeta_brow", 0.5, false), ("AU_1", 0.5, false)], [0.2, 0.8], [0.25, 0.25, 0.25, 0.25], []),
    ]));

    // The same but u1 is biased towards middle instead of old, and u2 interpretable for AU_1 instead of zeta_brow.
    private static readonly RecordedResults After = RecordedResults.Of(ResultsFixtures.Results(
    [
        Unit(0, 1, "AU_12", 0.3, "mouth", [("Smiling", 0.2, false), ("AU_12", 0.8, true)], [0.6, 0.4], [0.25, 0.25, 0.25, 0.25], []),
        Unit(1, 1, "AU_1", 0.01, null, [], [0.5, 0.5], [0.1, 0.2, 0.4, 0.3], []),
        Unit(2, 1, "zeta_brow", 0.3, "eye", [("zeta_brow", 0.4, false), ("AU_1", 0.6, true)], [0.5, 0.5], [0.7, 0.1, 0.1, 0.1], []),
        Unit(3, 1, "AU_1", 0.3, "eye", [("zeta_brow", 0.5, false), ("AU_1", 0.5, false)], [0.2, 0.8], [0.25, 0.25, 0.25, 0.25], []),
    ]));

    public static TheoryData<string, string> Differences() => new()
    {
        { "dictionary", "dictionary (content hash): the baseline's is sha256:ffff, the current results' is sha256:2c3d" },
        { "architecture", "model architecture: the baseline's is resnet50, the current results' is resnet18" },
        { "layers", "layers: only in the baseline: layer4.1.conv1; only in the current results: layer1.0.conv1; no layer in common, so no metric or unit is compared" },
        { "units", "units of layer 'layer1.0.conv1': the baseline's is 3, the current results' is 4" },
        { "quantile", "quantile q (R2): the baseline's is 0.01, the current results' is 0.005" },
        { "iou", "IoU threshold τ_iou (R4): the baseline's is 0.05, the current results' is 0.04" },
        { "tally", "tally size (R3): the baseline's is 56, the current results' is 112" },
        { "input", "input size S (R1): the baseline's is 224, the current results' is 112" },
        { "theta", "θ of family 'gender' (R6): the baseline's is 0.6, the current results' is 0.55" },
        { "family", "θ of family 'age' (R6): the baseline's is none (no such family), the current results' is 0.3" },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void Compare_RefusesABaselineMadeDifferently_NamingTheFileAndTheDifference(string kind, string difference)
    {
        var e = Assert.Throws<HndGateInputException>(() => BaselineComparer.Compare(After, Differ(Before, kind), BaselinePath, allowMismatch: false));

        Assert.Equal(BaselinePath, e.File);
        Assert.Contains("\n  - " + difference + "\n", e.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-mismatch", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Differences))]
    public void Compare_ListsTheMismatch_WhenAllowed(string kind, string difference)
    {
        var comparison = BaselineComparer.Compare(After, Differ(Before, kind), BaselinePath, allowMismatch: true);

        Assert.Equal([difference], comparison.Mismatches);
        Assert.Equal(BaselinePath, comparison.BaselinePath);
    }

    [Fact]
    public void Compare_NamesEveryDifference_WhenThereAreSeveral()
    {
        var baseline = Differ(Differ(Before, "dictionary"), "quantile");

        var e = Assert.Throws<HndGateInputException>(() => BaselineComparer.Compare(After, baseline, BaselinePath, allowMismatch: false));

        Assert.Contains("dictionary (content hash)", e.Message, StringComparison.Ordinal);
        Assert.Contains("quantile q (R2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireCommonLayer_RefusesResultsWithoutALayerInCommon_NamingBothSidesLayers()
    {
        var e = Assert.Throws<HndGateInputException>(() => BaselineComparer.RequireCommonLayer(After, "pr/results.json", Differ(Before, "layers"), BaselinePath));

        Assert.Equal(
            "nothing could be compared: the two results have no layer in common (the baseline main/results.json has layer4.1.conv1; "
            + "the current results pr/results.json have layer1.0.conv1); dissect both with the same --layer",
            e.Message);
    }

    [Fact]
    public void RequireCommonLayer_Accepts_ResultsWithOneLayerInCommon()
    {
        var baseline = Before with { Layers = [Before.Layers[0], Before.Layers[0] with { Name = "layer4.1.conv1" }] };

        BaselineComparer.RequireCommonLayer(After, "pr/results.json", baseline, BaselinePath);

        Assert.Equal(
            ["layers: only in the baseline: layer4.1.conv1; only in the current results: none"],
            BaselineComparer.Compare(After, baseline, BaselinePath, allowMismatch: true).Mismatches);
    }

    [Fact]
    public void Compare_FindsNoMismatch_InSettingsThatDifferOnlyBelowTheFilesSixDigits()
    {
        // A fresh dissection's θ = 1.2 / 3 against a file's 0.4 (R9 rounds to 6 significant digits).
        var current = After with { Settings = After.Settings with { FamilyThresholds = [new("gender", 0.55), new("age", 1.2 / 3)] } };
        var baseline = Before with { Settings = Before.Settings with { FamilyThresholds = [new("gender", 0.55), new("age", 0.4)] } };

        Assert.Empty(BaselineComparer.Compare(current, baseline, BaselinePath, allowMismatch: false).Mismatches);
    }

    [Fact]
    public void Compare_GivesTheDeltaOfEveryMetric_OfEveryCommonLayer()
    {
        var comparison = BaselineComparer.Compare(After, Before, BaselinePath, allowMismatch: false);

        var keys = LayerMetrics.Of(After.Layers[0].Summary).Select(m => m.Key).ToList();
        Assert.Equal(keys, comparison.Deltas.Select(d => d.Key));
        Assert.All(comparison.Deltas, d => Assert.Equal("layer1.0.conv1", d.Layer));

        // u1 moved from old to middle; u2 from zeta_brow to AU_1 (hand-counted over the four units).
        var delta = comparison.Deltas.ToDictionary(d => d.Key, d => (d.Current, d.Baseline));
        Assert.Equal((0.25, 0.0), delta["biased_ratio[age][middle]"]);
        Assert.Equal((0.0, 0.25), delta["biased_ratio[age][old]"]);
        Assert.Equal((0.5, 0.5), delta["biased_ratio[age]"]);
        Assert.Equal((1.0, 0.0), delta["units_per_concept[AU_1]"]);
        Assert.Equal((0.0, 1.0), delta["local_global[zeta_brow][age][young]"]);
        Assert.Equal((1.0, 0.0), delta["local_global[AU_1][age][young]"]);
        Assert.Equal(-0.25, comparison.Deltas.Single(d => d.Key == "biased_ratio[age][old]").Delta);
    }

    [Fact]
    public void Compare_ListsTheUnitsWhoseLabelsChanged_AndHowTheyChanged()
    {
        var comparison = BaselineComparer.Compare(After, Before, BaselinePath, allowMismatch: false);

        Assert.Equal(2, comparison.ChangedUnits.Count);
        var u1 = comparison.ChangedUnits[0];
        Assert.Equal(("layer1.0.conv1", 1), (u1.Layer, u1.Unit));
        Assert.Equal(["age/middle"], u1.NewlyBiased);
        Assert.Equal(["age/old"], u1.NoLongerBiased);
        Assert.Empty(u1.ConceptsGained);
        Assert.Empty(u1.ConceptsLost);
        var u2 = comparison.ChangedUnits[1];
        Assert.Equal(2, u2.Unit);
        Assert.Empty(u2.NewlyBiased);
        Assert.Empty(u2.NoLongerBiased);
        Assert.Equal(["AU_1"], u2.ConceptsGained);
        Assert.Equal(["zeta_brow"], u2.ConceptsLost);
    }

    [Fact]
    public void Compare_ListsTheConceptsALayerGainedAndLost()
    {
        var comparison = BaselineComparer.Compare(After, Before, BaselinePath, allowMismatch: false);

        Assert.Equal([new LayerConcepts("layer1.0.conv1", ["AU_1"])], comparison.ConceptsGained, LayerConceptsEqual);
        Assert.Equal([new LayerConcepts("layer1.0.conv1", ["zeta_brow"])], comparison.ConceptsLost, LayerConceptsEqual);
    }

    [Fact]
    public void Compare_FindsNothingChanged_OfIdenticalResults()
    {
        var comparison = BaselineComparer.Compare(Before, Before, BaselinePath, allowMismatch: false);

        Assert.Empty(comparison.Mismatches);
        Assert.Empty(comparison.ChangedUnits);
        Assert.Empty(comparison.ConceptsGained);
        Assert.Empty(comparison.ConceptsLost);
        Assert.All(comparison.Deltas, d => Assert.Equal(0, d.Delta));
        Assert.NotEmpty(comparison.Deltas);
    }

    [Fact]
    public void Compare_SkipsUnitChanges_OfALayerWhoseUnitCountsDiffer_WhenAllowed()
    {
        var comparison = BaselineComparer.Compare(After, Differ(Before, "units"), BaselinePath, allowMismatch: true);

        Assert.Empty(comparison.ChangedUnits);
        Assert.NotEmpty(comparison.Deltas);
    }

    [Fact]
    public void Compare_ComparesOnlyTheCommonLayers_WhenAllowed()
    {
        var baseline = Before with { Layers = [Before.Layers[0] with { Name = "other" }, Before.Layers[0]] };

        var comparison = BaselineComparer.Compare(After, baseline, BaselinePath, allowMismatch: true);

        Assert.All(comparison.Deltas, d => Assert.Equal("layer1.0.conv1", d.Layer));
        Assert.Equal(["layers: only in the baseline: other; only in the current results: none"], comparison.Mismatches);
    }

    private static readonly EqualityComparer<LayerConcepts> LayerConceptsEqual = EqualityComparer<LayerConcepts>.Create(
        (a, b) => a!.Layer == b!.Layer && a.Concepts.SequenceEqual(b.Concepts),
        a => a.Layer.GetHashCode(StringComparison.Ordinal));

    private static RecordedResults Differ(RecordedResults results, string kind) => kind switch
    {
        "dictionary" => results with { Fingerprint = results.Fingerprint with { DictionaryHash = "sha256:ffff" } },
        "architecture" => results with { Fingerprint = results.Fingerprint with { Model = "resnet50" } },
        "layers" => results with { Layers = [results.Layers[0] with { Name = "layer4.1.conv1" }] },
        "units" => results with { Layers = [results.Layers[0] with { Units = results.Layers[0].Units.Take(3).ToList(), Summary = Summarise(results.Layers[0].Units.Take(3).ToList()) }] },
        "quantile" => results with { Settings = results.Settings with { Quantile = 0.01 } },
        "iou" => results with { Settings = results.Settings with { IouThreshold = 0.05 } },
        "tally" => results with { Settings = results.Settings with { TallySize = 56 } },
        "input" => results with { Settings = results.Settings with { InputSize = 224 } },
        "theta" => results with { Settings = results.Settings with { FamilyThresholds = [new("gender", 0.6), new("age", 0.3)] } },
        "family" => results with { Settings = results.Settings with { FamilyThresholds = [new("gender", 0.55)] } },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such difference"),
    };

    private static LayerSummary Summarise(IReadOnlyList<UnitRecord> units) => LayerSummary.Summarise(units, new DissectionConcepts(Concepts, [], Families));
}
