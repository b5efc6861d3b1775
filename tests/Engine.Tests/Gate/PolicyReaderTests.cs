using System.Text.RegularExpressions;
using HndGate.Engine.Gate;
using HndGate.Engine.Models.Init;
using HndGate.Engine.Reports;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Gate;

public sealed class PolicyReaderTests : IDisposable
{
    private static readonly JsonSchemaValidator Validator = new();

    private readonly TemporaryDirectory folder = new();

    // The design's example; line numbers in the tests count its lines (1-based).
    private const string Example = """
        {
          "version": 1,
          "stages": { "quantile": 0.01, "iou_threshold": 0.05, "family_thresholds": { "gender": 0.6, "age": 0.35 } },
          "bootstrap": { "replicates": 200, "seed": 7 },
          "rules": [
            { "id": "gender-bias", "metric": "biased_ratio[gender]", "max": 0.10, "on": "upper95", "severity": "error",
              "description": "No more than 10% of units may favour one gender." },
            { "id": "gender-bias-regression", "metric": "biased_ratio[gender]", "layer": "layer4.1.conv1",
              "max_increase": { "absolute": 0.02 }, "severity": "error" },
            { "id": "coverage", "metric": "coverage_hnd", "min": 0.2, "max_decrease": { "relative": 0.10 }, "severity": "warning" }
          ],
          "waivers": [
            { "rule": "coverage", "layer": "layer4.1.conv1", "reason": "retraining in #123", "owner": "@alice", "expires": "2027-01-31" }
          ]
        }
        """;

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Read_ReturnsEveryFieldOfThePolicy_WhenItIsValid()
    {
        var path = Write(Example);

        var policy = PolicyReader.Read(path, Validator);

        Assert.Equal(path, policy.File);
        Assert.Equal(0.01, policy.Stages.Quantile);
        Assert.Equal(0.05, policy.Stages.IouThreshold);
        Assert.Equal([new("gender", 0.6), new("age", 0.35)], policy.Stages.FamilyThresholds);
        Assert.Equal(new PolicyBootstrap(200, 7), policy.Bootstrap);
        Assert.Equal(["gender-bias", "gender-bias-regression", "coverage"], policy.Rules.Select(r => r.Id));

        var bias = policy.Rules[0];
        Assert.Equal(("biased_ratio[gender]", (double?)null, (double?)0.10, PolicyRule.OnUpper95, PolicyRule.SeverityError), (bias.Metric, bias.Min, bias.Max, bias.On, bias.Severity));
        Assert.Equal("No more than 10% of units may favour one gender.", bias.Description);
        Assert.Null(bias.Layer);
        Assert.Equal(new InputLocation(path, 6, "/rules/0"), bias.Location);
        Assert.Equal(new InputLocation(path, 6, "/rules/0/metric"), bias.MetricLocation);

        var regression = policy.Rules[1];
        Assert.Equal("layer4.1.conv1", regression.Layer);
        Assert.Equal(new InputLocation(path, 8, "/rules/1/layer"), regression.LayerLocation);
        Assert.Equal(new RegressionBound(0.02, Relative: false), regression.MaxIncrease);
        Assert.Null(regression.MaxDecrease);
        Assert.Equal(PolicyRule.OnValue, regression.On);

        var coverage = policy.Rules[2];
        Assert.Equal(new RegressionBound(0.10, Relative: true), coverage.MaxDecrease);
        Assert.Equal(PolicyRule.SeverityWarning, coverage.Severity);
        Assert.Equal(10, coverage.Location.Line);

        var waiver = Assert.Single(policy.Waivers);
        Assert.Equal(("coverage", "layer4.1.conv1", "retraining in #123", "@alice", new DateOnly(2027, 1, 31)), (waiver.Rule, waiver.Layer, waiver.Reason, waiver.Owner, waiver.Expires));
        Assert.Equal(13, waiver.Location.Line);
    }

    [Fact]
    public void Read_LeavesStagesBootstrapAndWaiversUnset_AndDefaultsSeverityAndOn_WhenThePolicyOmitsThem()
    {
        var policy = PolicyReader.Read(Write("""{ "version": 1, "rules": [ { "id": "a", "metric": "coverage_hnd", "min": 0.1 } ] }"""), Validator);

        Assert.Equal(PolicyStages.None, policy.Stages);
        Assert.Null(policy.Bootstrap);
        Assert.Empty(policy.Waivers);
        var rule = Assert.Single(policy.Rules);
        Assert.Equal((PolicyRule.SeverityError, PolicyRule.OnValue), (rule.Severity, rule.On));
        Assert.False(rule.HasRegressionBound);
    }

    [Fact]
    public void Read_LeavesTheSeedUnset_WhenTheBootstrapGivesOnlyReplicates()
    {
        var policy = PolicyReader.Read(Write("""{ "version": 1, "bootstrap": { "replicates": 50 }, "rules": [ { "id": "a", "metric": "coverage_hnd", "min": 0.1 } ] }"""), Validator);

        Assert.Equal(new PolicyBootstrap(50, null), policy.Bootstrap);
    }

    // Each broken policy puts its fault on line 4 (the rule, or the waiver, or the key) unless stated.
    [Theory]
    [InlineData("\"version\": 2,", "{ \"id\": \"a\", \"metric\": \"coverage_hnd\", \"max\": 0.1 }", "/version", 2, "describes version 1")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"bias_ratio[gender]\", \"max\": 0.1 }", "/rules/0/metric", 4, "coverage_hnd, coverage_netdissect")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"biased_ratio[gender][female][x]\", \"max\": 0.1 }", "/rules/0/metric", 4, "local_global[concept][family][subgroup]")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"coverage_hnd\", \"max\": 0.1, \"severity\": \"fatal\" }", "/rules/0/severity", 4, "\"fatal\"")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"coverage_hnd\", \"max\": 0.1, \"on\": \"upper99\" }", "/rules/0/on", 4, "lower95 / upper95")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"coverage_hnd\" }", "/rules/0", 4, "has no bound")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"coverage_hnd\", \"max_increase\": { \"absolute\": -1 } }", "/rules/0/max_increase/absolute", 4, "-1")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"coverage_hnd\", \"max_increase\": { \"absolute\": 1, \"relative\": 0.1 } }", "/rules/0/max_increase", 4, "Either { \"absolute\": x } (in the metric's own unit) or { \"relative\": x }")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a b\", \"metric\": \"coverage_hnd\", \"max\": 0.1 }", "/rules/0/id", 4, "\"a b\"")]
    [InlineData("\"version\": 1,", "{ \"id\": \"a\", \"metric\": \"coverage_hnd\", \"maximum\": 0.1 }", "/rules/0/maximum", 4, "no such property of a rule")]
    public void Read_NamesPointerAndLine_OfABrokenRule(string version, string rule, string pointer, int line, string fragment)
    {
        var path = Write($$"""
            {
              {{version}}
              "rules": [
                {{rule}}
              ]
            }
            """);

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal((path, pointer, line), (e.File, e.JsonPointer, e.Line));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"rule\": \"a\", \"reason\": \"r\", \"owner\": \"@o\", \"expires\": \"31/01/2027\" }", "/waivers/0/expires", "YYYY-MM-DD")]
    [InlineData("{ \"rule\": \"a\", \"reason\": \"r\", \"owner\": \"@o\", \"expires\": \"2027-02-30\" }", "/waivers/0/expires", "not a day of the calendar")]
    [InlineData("{ \"rule\": \"a\", \"reason\": \"r\", \"expires\": \"2027-01-31\" }", "/waivers/0", "owner")]
    [InlineData("{ \"rule\": \"a\", \"layer\": \"layer3\", \"reason\": \"r\", \"owner\": \"@o\", \"expires\": \"2027-01-31\" }", "/waivers/0/layer", "applies only to layer 'layer4'")]
    [InlineData("{ \"rule\": \"coverge\", \"reason\": \"r\", \"owner\": \"@o\", \"expires\": \"2027-01-31\" }", "/waivers/0/rule", "rules: coverage, a")]
    public void Read_NamesPointerAndLine_OfABrokenWaiver(string waiver, string pointer, string fragment)
    {
        var path = Write($$"""
            {
              "version": 1,
              "rules": [ { "id": "a", "metric": "coverage_hnd", "layer": "layer4", "max": 0.1 }, { "id": "coverage", "metric": "coverage_hnd", "min": 0.1 } ],
              "waivers": [ {{waiver}} ]
            }
            """);

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal((path, pointer, 4), (e.File, e.JsonPointer, e.Line));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesTheMisspeltKey_OfAPolicy()
    {
        var path = Write("""
            {
              "version": 1,
              "rule": [ { "id": "a", "metric": "coverage_hnd", "max": 0.1 } ]
            }
            """);

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal(("", 1), (e.JsonPointer, e.Line));
        Assert.Contains("\"rules\"", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:3 at /rule: there is no property 'rule' here (expected: no such property of a policy", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"metric\": \"coverage_hdn\", \"max\": 0.1", "/rules/0/metric", "\"coverage_hdn\": not a valid value here (expected: One of coverage_hnd, coverage_netdissect")]
    [InlineData("\"metric\": \"coverage_hnd\", \"maximum\": 0.1", "/rules/0/maximum", "there is no property 'maximum' here (expected: no such property of a rule; a rule has id, metric")]
    [InlineData("\"metric\": \"coverage_hnd\", \"max\": 0.1, \"severity\": \"warn\"", "/rules/0/severity", "\"warn\": must be one of \"error\", \"warning\"")]
    public void Read_SaysInPlainWords_WhatIsWrongWithARulesValue(string rule, string pointer, string message)
    {
        var path = Write($$"""
            {
              "version": 1,
              "rules": [ { "id": "a", {{rule}} } ]
            }
            """);

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Contains($"{path}:3 at {pointer}: {message}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"replicates\": 200.0, \"seed\": 7.0 }", 200, 7L)]
    [InlineData("{ \"replicates\": 2, \"seed\": -9223372036854775808 }", 2, long.MinValue)]
    public void Read_TakesTheBootstrapsWholeNumbers_HoweverTheyAreWritten(string bootstrap, int replicates, long seed)
    {
        var policy = PolicyReader.Read(Write($$"""{ "version": 1, "bootstrap": {{bootstrap}}, "rules": [ { "id": "a", "metric": "coverage_hnd", "min": 0.1 } ] }"""), Validator);

        Assert.Equal(new PolicyBootstrap(replicates, seed), policy.Bootstrap);
    }

    [Fact]
    public void Read_RefusesASeedBeyond64Bits()
    {
        var path = Write("""{ "version": 1, "bootstrap": { "replicates": 200, "seed": 99999999999999999999999 }, "rules": [ { "id": "a", "metric": "coverage_hnd", "min": 0.1 } ] }""");

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal("/bootstrap/seed", e.JsonPointer);
    }

    [Fact]
    public void Read_RefusesARepeatedRuleId_NamingTheFirstRuleWithTheId()
    {
        var path = Write("""
            {
              "version": 1,
              "rules": [
                { "id": "bias", "metric": "coverage_hnd", "max": 0.1 },
                { "id": "bias", "metric": "coverage_hnd", "min": 0.1 }
              ]
            }
            """);

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal(("/rules/1/id", 5), (e.JsonPointer, e.Line));
        Assert.Contains("already used by the rule at /rules/0 (line 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAMinAboveTheMax()
    {
        var path = Write("""
            {
              "version": 1,
              "rules": [
                { "id": "bias", "metric": "coverage_hnd", "min": 0.3, "max": 0.2 }
              ]
            }
            """);

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal(("/rules/0/min", 4), (e.JsonPointer, e.Line));
        Assert.Contains("min 0.3 is above max 0.2", e.Message, StringComparison.Ordinal);
    }

    // Each bound sits on line 5, under the rule on line 4, so that the line tested is the bound's, not the rule's.
    [Theory]
    [InlineData("biased_ratio[age]", "\"max\": 10", "/rules/0/max", "max 10 can never be broken, so it would never fail: biased_ratio[age] is a fraction of units, between 0 and 1: did you mean 0.1?")]
    [InlineData("biased_ratio[gender][female]", "\"max\": -0.1", "/rules/0/max", "max -0.1 can never be met, so the rule would always fail: biased_ratio[gender][female] is a fraction of units, between 0 and 1: did you mean 0.1?")]
    [InlineData("coverage_hnd", "\"min\": 20", "/rules/0/min", "min 20 can never be met, so the rule would always fail: coverage_hnd is a fraction of units, between 0 and 1: did you mean 0.2?")]
    [InlineData("coverage_netdissect", "\"min\": -0.5", "/rules/0/min", "min -0.5 is always met, so it would never fail: coverage_netdissect is a fraction of units, between 0 and 1: did you mean 0.5?")]
    [InlineData("coverage_hnd", "\"max\": 250", "/rules/0/max", "coverage_hnd is a fraction of units, between 0 and 1: write a fraction, e.g. 0.1 for 10%")]
    [InlineData("units_per_concept[AU_12]", "\"max\": -3", "/rules/0/max", "max -3 can never be met, so the rule would always fail: units_per_concept[AU_12] is a count of units, 0 or more: did you mean 3?")]
    [InlineData("unlocalisable", "\"min\": -1", "/rules/0/min", "min -1 is always met, so it would never fail: unlocalisable is a count of units, 0 or more: did you mean 1?")]
    [InlineData("local_global[Smiling][gender][female]", "\"max\": -2", "/rules/0/max", "local_global[Smiling][gender][female] is a count of units, 0 or more: did you mean 2?")]
    [InlineData("biased_ratio[gender]", "\"max_increase\": { \"absolute\": 2 }", "/rules/0/max_increase/absolute", "max_increase { \"absolute\": 2 } can never be broken, so it would never fail: biased_ratio[gender] is a fraction of units, between 0 and 1, so it changes by at most 1: did you mean 0.02?")]
    [InlineData("coverage_hnd", "\"max_decrease\": { \"absolute\": 5 }", "/rules/0/max_decrease/absolute", "did you mean 0.05?")]
    [InlineData("coverage_hnd", "\"max_decrease\": { \"relative\": 10 }", "/rules/0/max_decrease/relative", "max_decrease { \"relative\": 10 } can never be broken, so it would never fail: no metric falls below 0, so none falls by more than 100% of the baseline's value: did you mean 0.1 (10%)?")]
    [InlineData("units_per_region[mouth]", "\"max_decrease\": { \"relative\": 1.5 }", "/rules/0/max_decrease/relative", "did you mean 0.015 (1.5%)?")]
    [InlineData("biased_ratio[gender]", "\"max_decrease\": { \"relative\": -0.1 }", "/rules/0/max_decrease/relative", "-0.1 should be at least 0 (expected: How far the metric may move, as a fraction of the baseline's value, 0 or more (0.1 = 10%).)")]
    [InlineData("units_per_type[part]", "\"max_increase\": { \"absolute\": -1 }", "/rules/0/max_increase/absolute", "-1")]
    [InlineData("biased_ratio[age]", "\"min\": 20, \"max\": 10", "/rules/0/min", "min 20 can never be met")]
    public void Read_RefusesABoundNoValueOfTheMetricCanMeetOrBreak_NamingFileLineAndPointer(string metric, string bound, string pointer, string fragment)
    {
        var path = Write($$"""
            {
              "version": 1,
              "rules": [
                { "id": "a", "metric": "{{metric}}",
                  {{bound}} }
              ]
            }
            """);

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal((path, 5, pointer), (e.File, e.Line, e.JsonPointer));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:5 at {pointer}: ", e.Message, StringComparison.Ordinal);
    }

    // Unusual bounds that some value can still meet and break, and the edges of each metric's range.
    [Theory]
    [InlineData("biased_ratio[age]", "\"max\": 1, \"min\": 0")]
    [InlineData("coverage_hnd", "\"min\": 1")]
    [InlineData("units_per_concept[AU_12]", "\"max\": 500, \"min\": 0")]
    [InlineData("local_global[Smiling][gender][female]", "\"max\": 2.5")]
    [InlineData("biased_ratio[gender]", "\"max_increase\": { \"absolute\": 1 }, \"max_decrease\": { \"relative\": 1 }")]
    [InlineData("biased_ratio[gender]", "\"max_increase\": { \"relative\": 10 }")]
    [InlineData("unlocalisable", "\"max_increase\": { \"absolute\": 40 }, \"max_decrease\": { \"absolute\": 40 }")]
    [InlineData("coverage_hnd", "\"min\": 0.2, \"max\": 0.2")]
    public void Read_AcceptsABound_ThatSomeValueOfTheMetricCanMeetAndBreak(string metric, string bound)
    {
        var policy = PolicyReader.Read(Write($$"""{ "version": 1, "rules": [ { "id": "a", "metric": "{{metric}}", {{bound}} } ] }"""), Validator);

        Assert.Equal(metric, Assert.Single(policy.Rules).Metric);
    }

    [Fact]
    public void Read_AcceptsTheExamplePolicy_AndTheOneInitWrites()
    {
        var starter = new TemplateRenderer().Render(StarterPolicy.Template, StarterPolicy.For(["gender", "age"]));

        Assert.NotEmpty(PolicyReader.Read(Path.Combine(RepositoryRoot(), "examples", "policy.json"), Validator).Rules);
        Assert.Equal(3, PolicyReader.Read(Write(starter), Validator).Rules.Count);
    }

    [Fact]
    public void Read_NamesTheLine_OfAPolicyThatIsNotJson()
    {
        var path = Write("{\n  \"version\": 1,\n  \"rules\": [],\n}\n");

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal(4, e.Line);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAPolicyWithoutRules()
    {
        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(Write("{\n  \"version\": 1,\n  \"rules\": []\n}\n"), Validator));

        Assert.Equal(("/rules", 3), (e.JsonPointer, e.Line));
    }

    [Fact]
    public void Read_SaysHowToWriteOne_WhenThePolicyFileIsMissing()
    {
        var path = folder.Combine("missing.json");

        var e = Assert.Throws<HndGateInputException>(() => PolicyReader.Read(path, Validator));

        Assert.Equal(path, e.File);
        Assert.Contains("hnd-gate init", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AcceptsEveryWholePolicy_OfTheDocumentation()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "policy.md");
        var policies = Regex.Matches(File.ReadAllText(docs), "```json\n(\\{\n[^`]*\"version\"[^`]*)```")
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, text => Assert.NotEmpty(PolicyReader.Read(Write(text), Validator).Rules));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "hnd-gate.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }

    private string Write(string json)
    {
        var path = folder.Combine("policy.json");
        File.WriteAllText(path, json);
        return path;
    }
}
