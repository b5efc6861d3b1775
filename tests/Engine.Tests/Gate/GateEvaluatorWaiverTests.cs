using HndGate.Engine.Gate;
using HndGate.Engine.Results;
using static HndGate.Engine.Tests.Gate.GateFixtures;

namespace HndGate.Engine.Tests.Gate;

/// <summary>Waivers as <see cref="GateEvaluator"/> applies them, on a clock set around the expiry day.</summary>
public sealed class GateEvaluatorWaiverTests
{
    private static readonly RecordedResults Current = ResultsOf(Layer("layer3"), Layer("layer4"));

    // coverage_hnd is 0.6875: a max of 0.5 breaks on both layers.
    private static readonly PolicyRule Broken = Rule("coverage_hnd", max: 0.5, id: "coverage");

    [Theory]
    [InlineData("2027-01-30", 0, RuleStatus.Waived, false)]
    [InlineData("2027-01-31", 0, RuleStatus.Waived, false)]
    [InlineData("2027-01-31", 23.99, RuleStatus.Waived, false)]
    [InlineData("2027-02-01", 0, RuleStatus.Failed, true)]
    [InlineData("2027-03-01", 12, RuleStatus.Failed, true)]
    public void Evaluate_WaivesUntilTheEndOfTheExpiryDay_InUtc(string day, double hours, RuleStatus expected, bool expired)
    {
        var policy = Policy([Broken], [Waiver("coverage", "2027-01-31", layer: "layer4")]);

        var verdict = GateEvaluator.Evaluate(Current, policy, null, FixedClock.At(day, TimeSpan.FromHours(hours)));

        var outcome = verdict.Outcomes.Single(o => o.Layer == "layer4");
        Assert.Equal(expected, outcome.Status);
        Assert.Equal(new WaiverUse("retraining in #123", "@alice", new DateOnly(2027, 1, 31), expired, 30), outcome.Waiver);
        Assert.Equal(expired, outcome.Message.Contains("waiver by @alice (retraining in #123) expired on 2027-01-31", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_TakesTheDayInUtc_FromAClockInAnotherZone()
    {
        var policy = Policy([Broken], [Waiver("coverage", "2027-01-31")]);

        // 01:00 on 1 February at UTC+2 is still 31 January in UTC.
        var clock = new FixedClock(new DateTimeOffset(2027, 2, 1, 1, 0, 0, TimeSpan.FromHours(2)));

        Assert.All(GateEvaluator.Evaluate(Current, policy, null, clock).Outcomes, o => Assert.Equal(RuleStatus.Waived, o.Status));
    }

    [Fact]
    public void Evaluate_SaysWhoWaivedWhyAndUntilWhen_OfAWaivedRule()
    {
        var policy = Policy([Broken], [Waiver("coverage", "2027-01-31", layer: "layer4")]);

        var outcome = GateEvaluator.Evaluate(Current, policy, null, Today).Outcomes.Single(o => o.Layer == "layer4");

        Assert.Equal("On layer4, coverage_hnd = 0.6875 breaks ≤ 0.5, waived until 2027-01-31 by @alice: retraining in #123.", outcome.Message);
    }

    [Fact]
    public void Evaluate_SaysTheWaiverExpired_AndFailsAsWithoutIt()
    {
        var policy = Policy([Broken], [Waiver("coverage", "2026-11-25", layer: "layer4")]);

        var verdict = GateEvaluator.Evaluate(Current, policy, null, FixedClock.At("2026-11-26"));

        var outcome = verdict.Outcomes.Single(o => o.Layer == "layer4");
        Assert.Equal("On layer4, coverage_hnd = 0.6875 breaks ≤ 0.5; the waiver by @alice (retraining in #123) expired on 2026-11-25.", outcome.Message);
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void Evaluate_WaivesOnlyTheWaiversLayer_WhenItNamesOne()
    {
        var policy = Policy([Broken], [Waiver("coverage", "2027-01-31", layer: "layer4")]);

        var verdict = GateEvaluator.Evaluate(Current, policy, null, Today);

        Assert.Equal([("layer3", RuleStatus.Failed), ("layer4", RuleStatus.Waived)], verdict.Outcomes.Select(o => (o.Layer, o.Status)));
        Assert.Null(verdict.Outcomes[0].Waiver);
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void Evaluate_WaivesEveryLayer_AndPassesTheGate_WhenTheWaiverNamesNoLayer()
    {
        var verdict = GateEvaluator.Evaluate(Current, Policy([Broken], [Waiver("coverage", "2027-01-31")]), null, Today);

        Assert.All(verdict.Outcomes, o => Assert.Equal(RuleStatus.Waived, o.Status));
        Assert.True(verdict.Passed);
        Assert.Equal(2, verdict.Count(RuleStatus.Waived));
    }

    [Fact]
    public void Evaluate_WaivesABrokenWarning_AndLeavesAPassingRulePassed()
    {
        var rules = new[] { Rule("coverage_hnd", max: 0.5, severity: PolicyRule.SeverityWarning, id: "warn"), Rule("coverage_hnd", max: 0.9, id: "fine", index: 1) };
        var policy = Policy(rules, [Waiver("warn", "2027-01-31"), Waiver("fine", "2027-01-31")]);

        var outcomes = GateEvaluator.Evaluate(ResultsOf(Layer("layer4")), policy, null, Today).Outcomes;

        Assert.Equal([RuleStatus.Waived, RuleStatus.Passed], outcomes.Select(o => o.Status));
    }

    [Theory]
    [InlineData("2027-01-31", false)]
    [InlineData("2026-11-25", true)]
    public void Evaluate_NeverWaivesANotEvaluatedRule_AndSaysWhenItsWaiverExpired(string expires, bool expired)
    {
        var rule = Rule("coverage_hnd", maxDecrease: new RegressionBound(0.01, false), id: "coverage");

        var verdict = GateEvaluator.Evaluate(ResultsOf(Layer("layer4")), Policy([rule], [Waiver("coverage", expires)]), null, Today);

        var outcome = Assert.Single(verdict.Outcomes);
        Assert.Equal(RuleStatus.NotEvaluated, outcome.Status);
        Assert.True(verdict.Passed);
        Assert.Equal(expired, outcome.Waiver!.Expired);
        Assert.Equal(
            "On layer4, coverage_hnd = 0.6875: decrease ≤ 0.01 from baseline not evaluated: no baseline"
                + (expired ? "; the waiver by @alice (retraining in #123) expired on 2026-11-25." : "."),
            outcome.Message);
    }

    [Fact]
    public void Evaluate_PrefersAWaiverInForce_ToAnExpiredOne()
    {
        var policy = Policy([Broken], [Waiver("coverage", "2026-01-31"), Waiver("coverage", "2027-06-30")]);

        var outcome = GateEvaluator.Evaluate(Current, policy, null, Today).Outcomes[0];

        Assert.Equal(RuleStatus.Waived, outcome.Status);
        Assert.Equal(new DateOnly(2027, 6, 30), outcome.Waiver!.Expires);
    }

    [Fact]
    public void Evaluate_LeavesOtherRulesUnwaived()
    {
        var rules = new[] { Broken, Rule("unlocalisable", max: 1, id: "other", index: 1) };

        var outcomes = GateEvaluator.Evaluate(ResultsOf(Layer("layer4")), Policy(rules, [Waiver("coverage", "2027-01-31")]), null, Today).Outcomes;

        Assert.Equal([RuleStatus.Waived, RuleStatus.Failed], outcomes.Select(o => o.Status));
    }
}
