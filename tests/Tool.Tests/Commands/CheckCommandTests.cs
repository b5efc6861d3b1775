using System.Text.Json;
using System.Xml.Linq;
using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dissection;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class CheckCommandTests : IClassFixture<CheckCommandTests.PassingCheck>
{
    private readonly PassingCheck _check;

    public CheckCommandTests(PassingCheck check) => _check = check;

    [Fact]
    public void Check_ExitsZero_AndWritesTheResultsAndThreeReports_ForAPassingPolicy()
    {
        Assert.Equal(0, _check.Run.ExitCode);
        Assert.Equal(["junit.xml", "report.html", "report.md", "results.json"], Directory.GetFiles(_check.OutDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith("## hnd-gate: ✅ PASSED", File.ReadAllText(Path.Combine(_check.OutDir, "report.md")), StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,", File.ReadAllText(Path.Combine(_check.OutDir, "report.html")), StringComparison.Ordinal);
        var testCase = Assert.Single(XDocument.Load(Path.Combine(_check.OutDir, "junit.xml")).Descendants("testcase"));
        Assert.Contains("coverage", testCase.Attribute("name")!.Value, StringComparison.Ordinal);
        Assert.Contains($"gate passed: 0 failed, 0 warnings, 0 waived, 1 passed ({_check.PolicyPath})", _check.Run.Output, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(_check.OutDir, "junit.xml")}", _check.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RecordsThePolicysStages_InTheResultsSettings()
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_check.OutDir, "results.json")));
        var settings = results.RootElement.GetProperty("settings");

        Assert.Equal(0.01, settings.GetProperty("quantile").GetDouble());
        Assert.Equal(0.05, settings.GetProperty("iou_threshold").GetDouble());
        Assert.Equal(0.6, settings.GetProperty("family_thresholds").GetProperty("gender").GetDouble());
    }

    [Fact]
    public void Check_AppendsTheMarkdownReport_ToTheStepSummary()
    {
        var markdown = File.ReadAllText(Path.Combine(_check.OutDir, "report.md"));

        Assert.Equal(PassingCheck.EarlierSummary + "\n" + markdown, File.ReadAllText(_check.StepSummaryPath));
        Assert.Contains($"wrote {Path.GetFullPath(_check.StepSummaryPath)}", _check.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WritesByteIdenticalResults_OnTwoRuns()
    {
        using var dir = new TemporaryDirectory();
        var outDir = dir.Combine("out");

        var again = CliRun.Of(_check.Args(outDir, _check.PolicyPath, "--quiet"));

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_check.OutDir, "results.json")), File.ReadAllBytes(Path.Combine(outDir, "results.json")));
    }

    [Fact]
    public void Check_ExitsTwo_AndWritesNothing_WhenTheStepSummaryCannotBeAppendedTo()
    {
        using var dir = new TemporaryDirectory();
        var summary = dir.Combine("no-such-folder", "summary.md");

        var run = CliRun.Of(_check.Args(dir.Combine("out"), _check.PolicyPath, "--step-summary", summary, "--quiet"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {summary}: cannot append the report to the step summary", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")), "no reports without their results file");
    }

    [Fact]
    public void Check_ExitsOne_AndAnnotatesTheFailedRulesLine_WithFormatGithub()
    {
        using var dir = new TemporaryDirectory();
        var policy = GatePolicy.Write(dir.Combine("policy.json"), GatePolicy.Failing);

        var run = CliRun.Of(_check.Args(dir.Combine("out"), policy, "--format", "github"));

        Assert.Equal(1, run.ExitCode);
        var line = GatePolicy.LineOf(GatePolicy.Failing, "impossible-coverage");
        Assert.Contains($"::error file={policy.Replace(":", "%3A", StringComparison.Ordinal)},line={line},", run.Output, StringComparison.Ordinal);
        Assert.Contains("failed: impossible-coverage on layer4.1.conv1: ", run.Output, StringComparison.Ordinal);
        // Beside the progress, where the activation cache lives (stderr: never among the annotations).
        Assert.Contains("activation cache: 192.0 KiB in RAM (budget ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("activation cache", run.Output, StringComparison.Ordinal);
        Assert.Contains("gate failed: 1 failed", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("## hnd-gate: ❌ FAILED", File.ReadAllText(dir.Combine("out", "report.md")), StringComparison.Ordinal);
        var failure = Assert.Single(XDocument.Load(dir.Combine("out", "junit.xml")).Descendants("failure"));
        Assert.Equal("impossible-coverage", failure.Parent!.Attribute("classname")!.Value);
    }

    [Fact]
    public void Check_ExitsZero_AndPrintsVerdictRulesAndFilesAsJson_WhenOnlyAWarningRuleBreaks()
    {
        using var dir = new TemporaryDirectory();
        var policy = GatePolicy.Write(dir.Combine("policy.json"), GatePolicy.WarningOnly);
        var outDir = dir.Combine("out");

        var run = CliRun.Of(_check.Args(outDir, policy, "--json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("passed", json.RootElement.GetProperty("verdict").GetString());
        var statuses = json.RootElement.GetProperty("rules").EnumerateArray()
            .Select(r => (r.GetProperty("rule").GetString(), r.GetProperty("status").GetString()));
        Assert.Equal([("coverage", "passed"), ("coverage-goal", "warning")], statuses);
        var files = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(
            [.. new[] { "results.json", "report.md", "report.html", "junit.xml" }.Select(f => Path.Combine(outDir, f)), outDir + ".summary.md"],
            files);
    }

    [Theory]
    [InlineData("""{ "id": "a", "metric": "coverage_hnd" "min": 0 }""", "", "")]
    [InlineData("""{ "id": "a", "metric": "coverage_hnd", "min": 0, "colour": "red" }""", " at /rules/0/colour", "no such property of a rule")]
    [InlineData("""{ "id": "a", "metric": "biased_ratio[gendr]", "max": 1 }""", " at /rules/0/metric", "'gendr' is not a family of the dictionary")]
    [InlineData("""{ "id": "a", "metric": "coverage_hnd", "min": 0, "layer": "layer9" }""", " at /rules/0/layer", "the layer 'layer9', which the results do not have")]
    public void Check_ExitsTwo_NamingThePolicyLine_AndWritesNothing_ForABrokenPolicy(string rule, string pointer, string message)
    {
        using var dir = new TemporaryDirectory();
        var text = "{\n  \"version\": 1,\n  \"rules\": [\n    " + rule + "\n  ]\n}\n";
        var policy = GatePolicy.Write(dir.Combine("policy.json"), text);
        var outDir = dir.Combine("out");

        var run = CliRun.Of(_check.Args(outDir, policy, "--quiet"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {policy}:4{pointer}", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "a failed check leaves no --out-dir");
    }

    [Fact]
    public void Check_ExitsTwo_NamingAllowMismatch_ForABaselineFromAnotherDictionary_AndRunsWithIt()
    {
        using var dir = new TemporaryDirectory();
        var baseline = dir.Combine("baseline.json");
        var results = File.ReadAllText(Path.Combine(_check.OutDir, "results.json"));
        var hash = JsonDocument.Parse(results).RootElement.GetProperty("fingerprint").GetProperty("dictionary_hash").GetString()!;
        File.WriteAllText(baseline, results.Replace(hash, "sha256:" + new string('0', 64), StringComparison.Ordinal));

        var refused = CliRun.Of(_check.Args(dir.Combine("refused"), _check.PolicyPath, "--baseline", baseline, "--quiet"));
        var allowed = CliRun.Of(_check.Args(dir.Combine("allowed"), _check.PolicyPath, "--baseline", baseline, "--allow-mismatch", "--quiet"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("dictionary (content hash)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-mismatch", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("refused")));
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("compared despite a mismatch: dictionary (content hash)", File.ReadAllText(dir.Combine("allowed", "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GatesOnTheUpperEndOfTheInterval_WithBootstrap()
    {
        using var dir = new TemporaryDirectory();
        var policy = GatePolicy.Write(dir.Combine("policy.json"), GatePolicy.Upper95);

        var run = CliRun.Of(_check.Args(dir.Combine("out"), policy, "--bootstrap", "5", "--seed", "3", "--json"));

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var rule = Assert.Single(json.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal("passed", rule.GetProperty("status").GetString());
        using var results = JsonDocument.Parse(File.ReadAllText(dir.Combine("out", "results.json")));
        var bootstrap = results.RootElement.GetProperty("bootstrap");
        Assert.Equal(5, bootstrap.GetProperty("replicates").GetInt32());
        Assert.Equal(3, bootstrap.GetProperty("seed").GetInt64());

        // The rule's gated statistic is the interval's upper end, which the results file holds.
        var upper = bootstrap.GetProperty("layers").GetProperty("layer4.1.conv1").GetProperty("coverage_hnd").GetProperty("upper").GetDouble();
        Assert.Equal(upper, rule.GetProperty("gated").GetDouble());
    }

    [Fact]
    public void Check_ExitsTwo_SayingToPassBootstrap_ForAnUpper95RuleWithoutBootstrap()
    {
        using var dir = new TemporaryDirectory();
        var policy = GatePolicy.Write(dir.Combine("policy.json"), GatePolicy.Upper95);

        var run = CliRun.Of(_check.Args(dir.Combine("out"), policy, "--quiet"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {policy}:{GatePolicy.LineOf(GatePolicy.Upper95, "upper95")} at /rules/0/on", run.Error, StringComparison.Ordinal);
        Assert.Contains("pass --bootstrap B", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public void Check_ExitsTwo_ForASeedWithoutBootstrap()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of(_check.Args(dir.Combine("out"), _check.PolicyPath, "--seed", "3", "--quiet"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--seed is for the bootstrap", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Theory]
    [InlineData("local images, pass 1: ")]
    [InlineData("local images, pass 2 (tally): 48/48")] // the last batch of the dissection (SmallDictionary.Local images): the stop lands in the gate, with results.json.pending written
    public void Check_ExitsThree_AndLeavesNothing_WhenCancelled(string when)
    {
        using var dir = new TemporaryDirectory();
        var outDir = dir.Combine("out");
        using var stop = new CancellationTokenSource();
        using var error = new CancellingWriter(when, stop);

        var code = HndGateApp.Run(_check.Args(outDir, _check.PolicyPath, "--batch", "2"), TextWriter.Null, error, stop.Token);

        Assert.Equal(3, code);
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "a cancelled check leaves no --out-dir, results.json or .pending file");
    }

    /// <summary>One passing check, run once for the tests that read what it wrote: a policy with stages, pictures, and a step summary that had text.</summary>
    public sealed class PassingCheck : IDisposable
    {
        public const string EarlierSummary = "# an earlier step\n";

        private readonly DissectorTests.SmallDictionary _dictionary = new();
        private readonly TemporaryDirectory _directory = new();

        public PassingCheck()
        {
            PolicyPath = GatePolicy.Write(_directory.Combine("policy.json"), GatePolicy.WithStages);
            File.WriteAllText(StepSummaryPath, EarlierSummary);
            Run = CliRun.Of(Args(OutDir, PolicyPath, "--step-summary", StepSummaryPath, "--pictures", "2"));
        }

        public string PolicyPath { get; }

        public string OutDir => _directory.Combine("out");

        public string StepSummaryPath => _directory.Combine("summary.md");

        public CliRun Run { get; }

        /// <summary>
        /// A check of one layer of the small dictionary's random model, without pictures (they cost a forward pass)
        /// unless <paramref name="more"/> asks for some. Its step summary is a file of its own beside
        /// <paramref name="outDir"/> unless <paramref name="more"/> names one: under GitHub Actions the default,
        /// $GITHUB_STEP_SUMMARY, is the test job's own summary.
        /// </summary>
        public string[] Args(string outDir, string policy, params string[] more) =>
            ["check", "--dictionary", _dictionary.DictionaryPath, "--model", _dictionary.CardPath, "--layer", "layer4.1.conv1", "--device", "cpu",
             "--policy", policy, "--out-dir", outDir, .. Unless(more, "--pictures", "0"), .. Unless(more, "--step-summary", outDir + ".summary.md"), .. more];

        private static string[] Unless(string[] more, string option, string value) => more.Contains(option) ? [] : [option, value];

        public void Dispose()
        {
            _directory.Dispose();
            _dictionary.Dispose();
        }
    }
}
