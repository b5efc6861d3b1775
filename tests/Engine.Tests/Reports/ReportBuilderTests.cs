using HndGate.Engine.Gate;
using HndGate.Engine.Reports;
using HndGate.Engine.Results;

namespace HndGate.Engine.Tests.Reports;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_PutsFailedRulesFirst_ThenWarningsWaivedNotEvaluatedAndPassed_KeepingPolicyOrderWithin()
    {
        var model = ReportSamples.Full();

        Assert.Equal(
            ["gender-bias", "gender-bias-regression", "coverage", "coverage", "coverage-regression", "units-script"],
            model.Rules.Select(r => r.RuleId));
        Assert.Equal(["failed", "failed", "warning", "waived", "not evaluated", "passed"], model.Rules.Select(r => r.Status));
    }

    [Fact]
    public void Build_CountsTheVerdict_AndNamesModelDictionaryAndDevice()
    {
        var header = ReportSamples.Full().Header;

        Assert.Equal(("FAILED", false, 2, 1, 1, 1, 1, 6), (header.Verdict, header.Passed, header.Failed, header.Warnings, header.Waived, header.PassedRules, header.NotEvaluated, header.Rules));
        Assert.Equal("resnet18-face", header.Model);
        Assert.Equal("sha256:aaaaaaaaaaaa", header.ModelHash);
        Assert.Equal("sha256:dddddddddddd", header.DictionaryHash);
        Assert.Equal("cpu", header.Device);
        Assert.Equal("ci/policy.json", header.PolicyPath);
    }

    [Theory]
    [InlineData(false, "no baseline")]
    [InlineData(true, "not in the baseline")]
    public void Build_SaysWhyOutcomesWereNotEvaluated_FromWhetherABaselineWasGiven(bool withBaseline, string reason)
    {
        var outcome = ReportSamples.Outcome("r", "layer4.1.conv1", "coverage_hnd", RuleStatus.NotEvaluated, 0.5, "increase ≤ 0.02 over baseline", "not evaluated", 3);

        var header = ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 4)), new GateVerdict("p.json", [outcome]), withBaseline ? ReportSamples.Baseline() : null).Header;

        Assert.Equal((1, 0, reason, "PASSED"), (header.NotEvaluated, header.PassedRules, header.NotEvaluatedReason, header.Verdict));
    }

    [Fact]
    public void Build_WithoutAVerdict_IsNotGated()
    {
        var model = ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 4)));

        Assert.Equal("NOT GATED", model.Header.Verdict);
        Assert.False(model.Header.Gated);
        Assert.Empty(model.Rules);
        Assert.Null(model.Baseline);
    }

    [Fact]
    public void Build_FormatsValuesIntervalsBaselinesAndDeltas()
    {
        var rule = ReportSamples.Full().Rules[0];

        Assert.Equal(("0.25", "[0.19, 0.31]", "0.31", "0.2", "+0.05"), (rule.Value, rule.Interval, rule.Gated, rule.Baseline, rule.Delta));
        var noBaseline = ReportSamples.Full().Rules[2];
        Assert.Equal(("—", "—", string.Empty), (noBaseline.Baseline, noBaseline.Delta, noBaseline.Interval));
    }

    [Fact]
    public void Build_MakesPercentagesAndBars_OnAnAbsoluteScaleForRatios()
    {
        // layer4.1.conv1 of 16 units: units 0, 6, 12 are biased towards female (u even, u mod 3 = 0), so 3/16 = 18.75%.
        var layer = ReportSamples.Full().Layers[1];
        var female = layer.Families[0].Subgroups[0];

        Assert.Equal(("female", "18.8%", "18.8"), (female.Name, female.Percent, female.PercentValue));
        Assert.Equal((int)Math.Round(3.0 / 16 * ReportBuilder.TextBarLength, MidpointRounding.AwayFromZero), female.Bar);
        Assert.Equal((int)Math.Round(3.0 / 16 * ReportBuilder.PictureBarWidth, MidpointRounding.AwayFromZero), female.Width);
        Assert.Equal("87.5%", layer.CoverageHnd);

        // Coverage's two parts: 13 of 16 units interpretable (all but the unlocalisable 4, 9, 14); 5 biased towards a
        // subgroup of either family (even u with u mod 3 < 2: 0, 4, 6, 10, 12).
        Assert.Equal(("81.3%", "31.3%"), (layer.Interpretable, layer.Biased));
    }

    [Fact]
    public void Build_SortsConceptsByUnits_ThenName_WithBarsScaledToTheLargest()
    {
        var concepts = ReportSamples.Full().Layers[1].Concepts;

        // 16 units over 5 concepts: concept u mod 5, but units 4, 9, 14 (u mod 5 = 4, Smiling) are not localisable.
        Assert.Equal(["nose", "<script>", "brow|arch", "eye_left", "Smiling"], concepts.Select(c => c.Name));
        Assert.Equal([4, 3, 3, 3, 0], concepts.Select(c => c.Units));
        Assert.Equal([ReportBuilder.TextBarLength, 15, 15, 15, 0], concepts.Select(c => c.Bar));
        Assert.Equal(["nose", "<script>", "brow|arch", "eye_left"], ReportSamples.Full().Layers[1].TopConcepts.Select(c => c.Name));
    }

    [Fact]
    public void Build_GroupsPicturesByUnit_InUnitOrder_AsBase64()
    {
        var galleries = ReportSamples.Full().Layers[1].Galleries;

        Assert.Equal([0, 3], galleries.Select(g => g.Unit));
        Assert.Equal(["local/<b>&c.png", "local/a.png"], galleries[1].Pictures.Select(p => p.Image));
        Assert.Equal(ReportSamples.Pictures()[0].Png, Convert.FromBase64String(galleries[1].Pictures[0].Base64));
        Assert.Equal("<script>", galleries[1].Label);
        Assert.Equal(["gender/female", "age/young"], galleries[0].Biased);
        Assert.Empty(ReportSamples.Full().Layers[0].Galleries);
    }

    [Fact]
    public void Build_RefusesAPictureOfALayerTheResultsLack()
    {
        UnitPicture[] pictures = [new("no.such.layer", 0, "a.png", 1, [1])];

        Assert.Throws<ArgumentException>(() => ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 4)), pictures: pictures));
    }

    [Fact]
    public void Build_ListsTheFirstChangedUnitsForTheMarkdown_AndCountsTheRest()
    {
        var changed = Enumerable.Range(0, ReportBuilder.MarkdownChangedUnits + 7).Select(u => new UnitChange("layer4.1.conv1", u, ["gender/male"], [], [], [])).ToList();

        var baseline = ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 4)), baseline: new BaselineComparison("b.json", [], [], changed, [], [])).Baseline!;

        Assert.Equal(changed.Count, baseline.ChangedUnits.Count);
        Assert.Equal(ReportBuilder.MarkdownChangedUnits, baseline.ListedChangedUnits.Count);
        Assert.Equal(7, baseline.UnlistedChangedUnits);
    }

    [Fact]
    public void Build_DropsLayersThatGainedOrLostNothing()
    {
        var baseline = ReportSamples.Full().Baseline!;

        Assert.Equal(["layer4.1.conv1"], baseline.ConceptsGained.Select(c => c.Layer));
        Assert.Equal(["brow|arch"], baseline.ConceptsLost.Single().Concepts);
    }

    [Fact]
    public void Build_DescribesTheBootstrap_WhenTheResultsHaveIntervals()
    {
        var results = ReportSamples.Results(("layer4.1.conv1", 4)) with { Bootstrap = new BootstrapIntervals(200, 7, 0.95, []) };

        Assert.Equal("200 replicates, seed 7, 95% intervals", ReportBuilder.Build(results).Header.Bootstrap);
    }

    [Fact]
    public void Build_ReplacesControlCharacters_ThatNoReportFormatCarries()
    {
        var verdict = new GateVerdict("p.json", [ReportSamples.Outcome("r", "l", "coverage_hnd", RuleStatus.Failed, 0.1, "≥ 0.2", "a\u0000b\u001Bc\td\ne \U0001F600", 1)]);

        var row = ReportBuilder.Build(ReportSamples.Results(("l", 4)), verdict).Rules.Single();

        Assert.Equal("a\uFFFDb\uFFFDc\td\ne \U0001F600", row.Message);
    }
}
