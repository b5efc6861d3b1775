using HndGate.Engine.Gate;
using HndGate.Engine.Results;
using static HndGate.Engine.Tests.Gate.GateFixtures;

namespace HndGate.Engine.Tests.Gate;

public sealed class GateEvaluatorTests
{
    private static readonly RecordedResults Current = ResultsOf(Layer("layer4"));

    public static TheoryData<string> EveryMetricKind() =>
    [
        "coverage_hnd",
        "coverage_netdissect",
        "unlocalisable",
        "biased_ratio[gender]",
        "biased_ratio[age][middle]",
        "units_per_concept[zeta_brow]",
        "units_per_region[mouth]",
        "units_per_type[part]",
        "local_global[zeta_brow][age][young]",
        "local_global[AU_1][gender][male]",
    ];

    [Theory]
    [MemberData(nameof(EveryMetricKind))]
    public void Evaluate_GatesTheLayersValue_OfEveryMetricKind(string metric)
    {
        var value = Values.GetValueOrDefault(metric);

        RuleOutcome Gate(double? min, double? max) => Assert.Single(GateEvaluator.Evaluate(Current, Policy(Rule(metric, min, max)), null, Today).Outcomes);

        Assert.Equal((value, value), (Gate(value, value).Value, Gate(value, value).Gated));
        Assert.Equal(RuleStatus.Passed, Gate(value, value).Status);
        Assert.Equal(RuleStatus.Failed, Gate(null, value - 0.01).Status);
        Assert.Equal(RuleStatus.Failed, Gate(value + 0.01, null).Status);
    }

    // biased_ratio[gender] is 0.25 in the fixture.
    [Theory]
    [InlineData("min", 0.25, false, 0.0, RuleStatus.Passed)]
    [InlineData("min", 0.26, false, 0.0, RuleStatus.Failed)]
    [InlineData("max", 0.25, false, 0.0, RuleStatus.Passed)]
    [InlineData("max", 0.24, false, 0.0, RuleStatus.Failed)]
    [InlineData("max_increase", 0.05, false, 0.2, RuleStatus.Passed)]
    [InlineData("max_increase", 0.05, false, 0.19, RuleStatus.Failed)]
    [InlineData("max_increase", 0.05, false, 0.3, RuleStatus.Passed)]
    [InlineData("max_increase", 0.25, true, 0.2, RuleStatus.Passed)]
    [InlineData("max_increase", 0.2, true, 0.2, RuleStatus.Failed)]
    [InlineData("max_increase", 10, true, 0.0, RuleStatus.Failed)]
    [InlineData("max_decrease", 0.05, false, 0.3, RuleStatus.Passed)]
    [InlineData("max_decrease", 0.05, false, 0.31, RuleStatus.Failed)]
    [InlineData("max_decrease", 0.05, false, 0.1, RuleStatus.Passed)]
    [InlineData("max_decrease", 0.2, true, 0.3, RuleStatus.Passed)]
    [InlineData("max_decrease", 0.1, true, 0.3, RuleStatus.Failed)]
    public void Evaluate_AppliesEveryBoundKind_AgainstTheBaselineWhereThereIsOne(string bound, double amount, bool relative, double baseline, RuleStatus expected)
    {
        var change = new RegressionBound(amount, relative);
        var rule = bound switch
        {
            "min" => Rule("biased_ratio[gender]", min: amount),
            "max" => Rule("biased_ratio[gender]", max: amount),
            "max_increase" => Rule("biased_ratio[gender]", maxIncrease: change),
            _ => Rule("biased_ratio[gender]", maxDecrease: change),
        };

        var outcome = Assert.Single(GateEvaluator.Evaluate(Current, Policy(rule), Baseline(Current, _ => baseline), Today).Outcomes);

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(baseline, outcome.Baseline);
        Assert.Equal(0.25 - baseline, outcome.Delta);
    }

    [Theory]
    [InlineData("max_increase", false, "increase ≤ 0.05 over baseline")]
    [InlineData("max_increase", true, "increase ≤ 5% over baseline")]
    [InlineData("max_decrease", false, "decrease ≤ 0.05 from baseline")]
    [InlineData("max_decrease", true, "decrease ≤ 5% from baseline")]
    public void Evaluate_ReportsARuleWithOnlyARegressionBound_AsNotEvaluated_WithoutABaseline(string bound, bool relative, string words)
    {
        var change = new RegressionBound(0.05, relative);
        var rule = bound == "max_increase" ? Rule("biased_ratio[gender]", maxIncrease: change) : Rule("biased_ratio[gender]", maxDecrease: change);

        var outcome = Assert.Single(GateEvaluator.Evaluate(Current, Policy(rule), null, Today).Outcomes);

        Assert.Equal(RuleStatus.NotEvaluated, outcome.Status);
        Assert.Equal(words, outcome.Bound);
        Assert.Equal($"On layer4, biased_ratio[gender] = 0.25: {words} not evaluated: no baseline.", outcome.Message);
        Assert.Null(outcome.Baseline);
        Assert.Null(outcome.Delta);
    }

    [Fact]
    public void Evaluate_StillAppliesTheAbsoluteBounds_OfARuleWhoseRegressionBoundIsNotEvaluated()
    {
        var rule = Rule("coverage_hnd", min: 0.7, maxDecrease: new RegressionBound(0.1, true));

        var outcome = Assert.Single(GateEvaluator.Evaluate(Current, Policy(rule), null, Today).Outcomes);

        Assert.Equal(RuleStatus.Failed, outcome.Status);
        Assert.Equal("≥ 0.7, decrease ≤ 10% from baseline", outcome.Bound);
        Assert.Equal("On layer4, coverage_hnd = 0.6875 breaks ≥ 0.7; decrease ≤ 10% from baseline not evaluated: no baseline.", outcome.Message);
    }

    [Fact]
    public void Evaluate_SaysWhatTheBaselineLacks_WhenItHasNotTheRulesLayer()
    {
        var current = ResultsOf(Layer("layer3"), Layer("layer4"));
        var baseline = Baseline(ResultsOf(Layer("layer4")), _ => 0.5);
        var rule = Rule("coverage_hnd", maxDecrease: new RegressionBound(0.01, false));

        var outcomes = GateEvaluator.Evaluate(current, Policy(rule), baseline, Today).Outcomes;

        Assert.Equal(["layer3", "layer4"], outcomes.Select(o => o.Layer));
        Assert.Equal(RuleStatus.NotEvaluated, outcomes[0].Status);
        Assert.EndsWith("not evaluated: the baseline has no coverage_hnd on layer 'layer3'.", outcomes[0].Message, StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Passed, outcomes[1].Status);
        Assert.Equal(0.5, outcomes[1].Baseline);
    }

    // biased_ratio[gender] is 0.25 in the fixture; "baseline" is the baseline's value, null for none.
    [Theory]
    [InlineData(null, null, 0.02, null, null, RuleStatus.NotEvaluated)]
    [InlineData(null, null, null, 0.02, null, RuleStatus.NotEvaluated)]
    [InlineData(null, null, 0.02, 0.02, null, RuleStatus.NotEvaluated)]
    [InlineData(0.1, null, 0.02, null, null, RuleStatus.Passed)]
    [InlineData(0.3, null, 0.02, null, null, RuleStatus.Failed)]
    [InlineData(null, 0.3, null, 0.02, null, RuleStatus.Passed)]
    [InlineData(null, 0.2, 0.02, 0.02, null, RuleStatus.Failed)]
    [InlineData(null, null, 0.02, null, 0.24, RuleStatus.Passed)]
    [InlineData(null, null, 0.02, null, 0.2, RuleStatus.Failed)]
    [InlineData(null, null, null, 0.02, 0.3, RuleStatus.Failed)]
    public void Evaluate_IsNotEvaluated_OnlyWhenNoneOfTheRulesBoundsCouldBeApplied(double? min, double? max, double? increase, double? decrease, double? baseline, RuleStatus expected)
    {
        var rule = Rule(
            "biased_ratio[gender]",
            min,
            max,
            increase is { } i ? new RegressionBound(i, false) : null,
            decrease is { } d ? new RegressionBound(d, false) : null);
        var comparison = baseline is { } b ? Baseline(Current, _ => b) : null;

        var verdict = GateEvaluator.Evaluate(Current, Policy(rule), comparison, Today);

        Assert.Equal(expected, Assert.Single(verdict.Outcomes).Status);
        Assert.Equal(expected != RuleStatus.Failed, verdict.Passed);
    }

    [Fact]
    public void Evaluate_ReportsARegressionRule_AsNotEvaluated_WhenTheBaselineLacksItsMetric()
    {
        var baseline = Baseline(Current, _ => 0.1);
        baseline = baseline with { Deltas = baseline.Deltas.Where(d => d.Key != "biased_ratio[gender]").ToList() };
        var rules = new[]
        {
            Rule("biased_ratio[gender]", maxIncrease: new RegressionBound(0.02, false), id: "gender"),
            Rule("coverage_hnd", maxIncrease: new RegressionBound(0.02, false), id: "coverage", index: 1),
        };

        var outcomes = GateEvaluator.Evaluate(Current, Policy(rules), baseline, Today).Outcomes;

        Assert.Equal([RuleStatus.NotEvaluated, RuleStatus.Failed], outcomes.Select(o => o.Status));
        Assert.Equal("On layer4, biased_ratio[gender] = 0.25: increase ≤ 0.02 over baseline not evaluated: the baseline has no biased_ratio[gender] on layer 'layer4'.", outcomes[0].Message);
        Assert.Null(outcomes[0].Baseline);
    }

    [Fact]
    public void Evaluate_PassesTheGate_AndCountsNotEvaluatedApart_WhenEveryRuleLacksItsBaseline()
    {
        var rules = new[]
        {
            Rule("biased_ratio[gender]", maxIncrease: new RegressionBound(0.02, false), id: "gender"),
            Rule("coverage_hnd", maxDecrease: new RegressionBound(0.1, true), id: "coverage", index: 1),
        };

        var verdict = GateEvaluator.Evaluate(ResultsOf(Layer("layer3"), Layer("layer4")), Policy(rules), null, Today);

        Assert.True(verdict.Passed);
        Assert.Equal((4, 0, 0), (verdict.Count(RuleStatus.NotEvaluated), verdict.Count(RuleStatus.Passed), verdict.Count(RuleStatus.Failed)));
    }

    [Fact]
    public void Evaluate_AllowsFloatingPointRounding_WhenAChangeMeetsItsBoundExactly()
    {
        // 0.1 + 0.2 − 0.1 is 0.20000000000000004 in doubles.
        var current = ResultsOf(Layer("layer4", Summary() with { CoverageHnd = 0.1 + 0.2 }));
        var outcome = Assert.Single(GateEvaluator.Evaluate(current, Policy(Rule("coverage_hnd", maxIncrease: new RegressionBound(0.2, false))), Baseline(current, _ => 0.1), Today).Outcomes);

        Assert.Equal(RuleStatus.Passed, outcome.Status);
    }

    [Fact]
    public void Evaluate_ReportsTheChange_InTheMessage_OfABrokenRegressionBound()
    {
        var rule = Rule("biased_ratio[gender]", max: 0.3, maxIncrease: new RegressionBound(0.02, false));

        var outcome = Assert.Single(GateEvaluator.Evaluate(Current, Policy(rule), Baseline(Current, _ => 0.2), Today).Outcomes);

        Assert.Equal(RuleStatus.Failed, outcome.Status);
        Assert.Equal("On layer4, biased_ratio[gender] = 0.25 against the baseline's 0.2 (+0.05) breaks increase ≤ 0.02 over baseline.", outcome.Message);
    }

    [Theory]
    [InlineData(PolicyRule.SeverityError, 0.2, RuleStatus.Failed, false)]
    [InlineData(PolicyRule.SeverityWarning, 0.2, RuleStatus.Warning, true)]
    [InlineData(PolicyRule.SeverityError, 0.3, RuleStatus.Passed, true)]
    [InlineData(PolicyRule.SeverityWarning, 0.3, RuleStatus.Passed, true)]
    public void Evaluate_FailsTheGate_OnlyForABrokenRuleOfSeverityError(string severity, double max, RuleStatus expected, bool gatePasses)
    {
        var verdict = GateEvaluator.Evaluate(Current, Policy(Rule("biased_ratio[gender]", max: max, severity: severity)), null, Today);

        var outcome = Assert.Single(verdict.Outcomes);
        Assert.Equal(expected, outcome.Status);
        Assert.Equal(severity, outcome.Severity);
        Assert.Equal(gatePasses, verdict.Passed);
    }

    [Fact]
    public void Evaluate_SaysAWarningDoesNotFailTheGate()
    {
        var outcome = Assert.Single(GateEvaluator.Evaluate(Current, Policy(Rule("biased_ratio[gender]", max: 0.2, severity: PolicyRule.SeverityWarning)), null, Today).Outcomes);

        Assert.Equal("On layer4, biased_ratio[gender] = 0.25 breaks ≤ 0.2 (a warning: it does not fail the gate).", outcome.Message);
    }

    // biased_ratio[gender] is 0.25 with the interval [0.2, 0.3].
    [Theory]
    [InlineData(PolicyRule.OnValue, null, 0.28, 0.25, RuleStatus.Passed)]
    [InlineData(PolicyRule.OnUpper95, null, 0.28, 0.3, RuleStatus.Failed)]
    [InlineData(PolicyRule.OnLower95, null, 0.28, 0.2, RuleStatus.Passed)]
    [InlineData(PolicyRule.OnValue, 0.22, null, 0.25, RuleStatus.Passed)]
    [InlineData(PolicyRule.OnLower95, 0.22, null, 0.2, RuleStatus.Failed)]
    [InlineData(PolicyRule.OnUpper95, 0.22, null, 0.3, RuleStatus.Passed)]
    public void Evaluate_AppliesTheBounds_ToTheStatisticTheRuleIsOn(string on, double? min, double? max, double gated, RuleStatus expected)
    {
        var interval = new MetricInterval("biased_ratio[gender]", 0.2, 0.3);
        var current = WithIntervals(new MetricInterval("coverage_hnd", 0.6, 0.7), interval);

        var outcome = Assert.Single(GateEvaluator.Evaluate(current, Policy(Rule("biased_ratio[gender]", min, max, on: on)), null, Today).Outcomes);

        Assert.Equal((0.25, gated, expected, on), (outcome.Value, outcome.Gated, outcome.Status, outcome.On));
        Assert.Equal(interval, outcome.Interval);
    }

    [Theory]
    [InlineData(PolicyRule.OnValue, RuleStatus.Passed)]
    [InlineData(PolicyRule.OnUpper95, RuleStatus.Failed)]
    public void Evaluate_ComparesTheGatedStatistic_WithTheBaselinesValue(string on, RuleStatus expected)
    {
        var current = WithIntervals(new MetricInterval("biased_ratio[gender]", 0.2, 0.3));

        var outcome = Assert.Single(GateEvaluator.Evaluate(current, Policy(Rule("biased_ratio[gender]", maxIncrease: new RegressionBound(0.02, false), on: on)), Baseline(current, _ => 0.25), Today).Outcomes);

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(0.0, outcome.Delta);
    }

    [Theory]
    [InlineData(PolicyRule.OnUpper95, 0.31, RuleStatus.Passed)]
    [InlineData(PolicyRule.OnUpper95, 0.27, RuleStatus.Failed)]
    [InlineData(PolicyRule.OnLower95, 0.21, RuleStatus.Passed)]
    [InlineData(PolicyRule.OnLower95, 0.17, RuleStatus.Failed)]
    public void Evaluate_ComparesAnIntervalEnd_WithTheSameEndOfTheBaseline_WhenTheBaselineHasIntervals(string on, double baselineEnd, RuleStatus expected)
    {
        var current = WithIntervals(new MetricInterval("biased_ratio[gender]", 0.2, 0.3));
        var ends = on == PolicyRule.OnUpper95 ? (0.1, baselineEnd) : (baselineEnd, 0.4);
        var baseline = Baseline(current, _ => 0.25) with
        {
            BaselineIntervals = new BootstrapIntervals(200, 1, 0.95, [new LayerIntervals("layer4", [new MetricInterval("biased_ratio[gender]", ends.Item1, ends.Item2)])]),
        };

        var outcome = Assert.Single(GateEvaluator.Evaluate(current, Policy(Rule("biased_ratio[gender]", maxIncrease: new RegressionBound(0.02, false), on: on)), baseline, Today).Outcomes);

        Assert.Equal(expected, outcome.Status);
        Assert.Contains($"against the baseline's {on} ", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckNames_RefusesAMisspeltMetric_BeforeAnyResultExists_AsEvaluateWould()
    {
        var current = ResultsOf(Layer("layer4"));
        var keys = LayerMetrics.Of(current.Layers[0].Summary).Select(m => m.Key).ToList();
        var policy = Policy(Rule("biased_ratio[gendr]", max: 0.1));

        var early = Assert.Throws<HndGateInputException>(() => GateEvaluator.CheckNames(policy, ["layer4"], keys));
        var late = Assert.Throws<HndGateInputException>(() => GateEvaluator.Evaluate(current, policy, null, Today));

        Assert.Equal(late.Message, early.Message);
        Assert.Contains("nearest first: gender", early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckNames_RefusesALayerThatWillNotBeDissected_AndAcceptsKnownNames()
    {
        var keys = LayerMetrics.Of(ResultsOf(Layer("layer4")).Layers[0].Summary).Select(m => m.Key).ToList();

        var e = Assert.Throws<HndGateInputException>(() => GateEvaluator.CheckNames(Policy(Rule("coverage_hnd", min: 0.1, layer: "layer5")), ["layer4"], keys));
        GateEvaluator.CheckNames(Policy(Rule("coverage_hnd", min: 0.1, layer: "layer4")), ["layer4"], keys);

        Assert.Contains("'layer5'", e.Message, StringComparison.Ordinal);
        Assert.Contains("layer4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NamesTheIntervalEnd_InTheMessage_OfARuleOnUpper95()
    {
        var current = WithIntervals(new MetricInterval("biased_ratio[gender]", 0.2, 0.3));

        var outcome = Assert.Single(GateEvaluator.Evaluate(current, Policy(Rule("biased_ratio[gender]", max: 0.28, on: PolicyRule.OnUpper95)), null, Today).Outcomes);

        Assert.Equal("On layer4, biased_ratio[gender] upper95 = 0.3 (value 0.25) breaks ≤ 0.28.", outcome.Message);
    }

    [Theory]
    [InlineData(PolicyRule.OnLower95)]
    [InlineData(PolicyRule.OnUpper95)]
    public void Evaluate_AsksForTheBootstrap_WhenARuleIsOnAnIntervalTheResultsDoNotHave(string on)
    {
        var rules = new[] { Rule("coverage_hnd", min: 0.1), Rule("biased_ratio[gender]", max: 0.1, on: on, id: "second", index: 1) };

        var e = Assert.Throws<HndGateInputException>(() => GateEvaluator.Evaluate(Current, Policy(rules), null, Today));

        Assert.Equal((PolicyFile, 11, "/rules/1/on"), (e.File, e.Line, e.JsonPointer));
        Assert.Contains("--bootstrap B", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"bootstrap\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AppliesARuleWithoutLayer_ToEveryLayer_InPolicyThenLayerOrder()
    {
        var current = ResultsOf(Layer("layer3"), Layer("layer4"), Layer("layer2"));
        var rules = new[] { Rule("coverage_hnd", min: 0.1, id: "a"), Rule("unlocalisable", max: 100, layer: "layer4", id: "b", index: 1) };

        var outcomes = GateEvaluator.Evaluate(current, Policy(rules), null, Today).Outcomes;

        Assert.Equal([("a", "layer3"), ("a", "layer4"), ("a", "layer2"), ("b", "layer4")], outcomes.Select(o => (o.RuleId, o.Layer)));
        Assert.Equal([10, 10, 10, 11], outcomes.Select(o => o.PolicyLine));
    }

    [Theory]
    [InlineData("biased_ratio[gendr]", "'gendr' is not a family of the dictionary; family names, nearest first: gender, age")]
    [InlineData("biased_ratio[gender][femal]", "'femal' is not a subgroup of family 'gender'; subgroup names, nearest first: female, male")]
    [InlineData("units_per_concept[smiling]", "'smiling' is not a concept of the dictionary; concept names, nearest first: Smiling,")]
    [InlineData("units_per_region[nose]", "'nose' is not a region of the dictionary; region names, nearest first: eye, mouth")]
    [InlineData("units_per_type[parts]", "'parts' is not a concept type of the dictionary; concept type names, nearest first: part,")]
    [InlineData("local_global[AU_12][age][mal]", "'mal' is not a subgroup of family 'age'; subgroup names, nearest first: old,")]
    public void Evaluate_ListsTheValidNamesNearestFirst_WhenAMetricNamesWhatTheResultsDoNotHave(string metric, string expected)
    {
        var e = Assert.Throws<HndGateInputException>(() => GateEvaluator.Evaluate(Current, Policy(Rule(metric, max: 1)), null, Today));

        Assert.Equal((PolicyFile, 10, "/rules/0/metric"), (e.File, e.Line, e.JsonPointer));
        Assert.Contains($"have no metric '{metric}': {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SaysTheDictionaryHasNoFamily_WhenARuleGatesBiasOnResultsWithoutFamilies()
    {
        var current = ResultsOf(Layer("layer4", Summary() with { BiasedRatio = [], LocalGlobal = [] }));

        var e = Assert.Throws<HndGateInputException>(() => GateEvaluator.Evaluate(current, Policy(Rule("biased_ratio[gender]", max: 0.1)), null, Today));

        Assert.Contains("have no metric 'biased_ratio[gender]': the dictionary has no family at all; metrics, nearest first: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AsksToDissectAgain_WhenTheIntervalsLackTheRulesMetric()
    {
        var current = WithIntervals(new MetricInterval("coverage_hnd", 0.6, 0.7));

        var e = Assert.Throws<HndGateInputException>(() => GateEvaluator.Evaluate(current, Policy(Rule("biased_ratio[gender]", max: 0.1, on: PolicyRule.OnUpper95)), null, Today));

        Assert.Equal("/rules/0/on", e.JsonPointer);
        Assert.Contains("have none for biased_ratio[gender] on layer 'layer4'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ListsTheDissectedLayers_WhenARuleNamesAnotherLayer()
    {
        var current = ResultsOf(Layer("layer3.0.conv1"), Layer("layer4.1.conv1"));

        var e = Assert.Throws<HndGateInputException>(() => GateEvaluator.Evaluate(current, Policy(Rule("coverage_hnd", max: 1, layer: "layer4.1.conv")), null, Today));

        Assert.Equal((PolicyFile, "/rules/0/layer"), (e.File, e.JsonPointer));
        Assert.Contains("'layer4.1.conv', which the results do not have; dissected layers, nearest first: layer4.1.conv1, layer3.0.conv1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ListsTheDissectedLayers_WhenAWaiverNamesAnotherLayer()
    {
        var policy = Policy([Rule("coverage_hnd", max: 1)], [Waiver("rule", "2027-01-31", layer: "layer5")]);

        var e = Assert.Throws<HndGateInputException>(() => GateEvaluator.Evaluate(Current, policy, null, Today));

        Assert.Equal("/waivers/0/layer", e.JsonPointer);
        Assert.Contains("the waiver names the layer 'layer5'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ReportsAPassingRule_WithTheValueAndTheBound()
    {
        var outcome = Assert.Single(GateEvaluator.Evaluate(Current, Policy(Rule("coverage_hnd", min: 0.5, max: 0.9)), null, Today).Outcomes);

        Assert.Equal(("≥ 0.5, ≤ 0.9", "On layer4, coverage_hnd = 0.6875 is within ≥ 0.5, ≤ 0.9."), (outcome.Bound, outcome.Message));
        Assert.Null(outcome.Waiver);
    }
}
