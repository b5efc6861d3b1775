using System.Text.RegularExpressions;
using HndGate.Engine.Gate;
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
        Assert.Contains($"{path}:3 at /rule: the value has a form that is not allowed here (expected: no such property of a policy", e.Message, StringComparison.Ordinal);
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
