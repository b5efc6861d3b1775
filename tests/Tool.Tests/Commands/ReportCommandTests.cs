using System.Text.Json;
using System.Xml.Linq;
using HndGate.Engine.Tests;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class ReportCommandTests : IClassFixture<DissectedResults>, IDisposable
{
    private readonly DissectedResults _results;
    private readonly TemporaryDirectory _dir = new();

    public ReportCommandTests(DissectedResults results) => _results = results;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Report_SaysNotGated_AndExitsZero_WithoutAPolicy()
    {
        var run = CliRun.Of(Args());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not gated (no policy): reports written", run.Output, StringComparison.Ordinal);
        Assert.Equal(["junit.xml", "report.html", "report.md"], Directory.GetFiles(OutDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith("## hnd-gate: NOT GATED", File.ReadAllText(Path.Combine(OutDir, "report.md")), StringComparison.Ordinal);
        Assert.DoesNotContain("data:image/png", File.ReadAllText(Path.Combine(OutDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ExitsOne_AndNamesTheRule_ForAFailingPolicy()
    {
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), GatePolicy.Failing);

        var run = CliRun.Of(Args("--policy", policy));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"failed: impossible-coverage on {DissectedResults.Layer}: ", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("## hnd-gate: ❌ FAILED", File.ReadAllText(Path.Combine(OutDir, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ExitsZero_AndShowsTheRuleAsNotEvaluated_ForARegressionOnlyPolicyWithoutABaseline()
    {
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), GatePolicy.RegressionOnly);

        var run = CliRun.Of(Args("--policy", policy, "--format", "github"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"gate passed: 0 failed, 0 warnings, 0 waived, 0 passed, 1 not evaluated (no baseline) ({policy})", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  not evaluated: gender-regression on {DissectedResults.Layer}: ", run.Output, StringComparison.Ordinal);
        var line = GatePolicy.LineOf(GatePolicy.RegressionOnly, "gender-regression");
        Assert.Contains($",line={line},title=hnd-gate rule not evaluated%3A gender-regression on ", run.Output, StringComparison.Ordinal);
        Assert.Contains("increase ≤ 0.02 over baseline not evaluated: no baseline.", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("::notice file=", run.Output, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(OutDir, "report.md"));
        Assert.Contains("| ⏭️ not evaluated |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("✅ passed", markdown, StringComparison.Ordinal);
        var skipped = Assert.Single(XDocument.Load(Path.Combine(OutDir, "junit.xml")).Descendants("skipped"));
        Assert.Equal("not evaluated: no baseline", skipped.Attribute("message")!.Value);
    }

    [Fact]
    public void Report_NamesTheStatusNotEvaluated_InJson()
    {
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), GatePolicy.RegressionOnly);

        var run = CliRun.Of(Args("--policy", policy, "--json"));

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("passed", json.RootElement.GetProperty("verdict").GetString());
        var rule = Assert.Single(json.RootElement.GetProperty("rules").EnumerateArray().ToList());
        Assert.Equal(("gender-regression", "not evaluated"), (rule.GetProperty("rule").GetString(), rule.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("baseline").ValueKind);
    }

    [Fact]
    public void Report_PicturesTheUnits_WithTheDictionaryAndModel()
    {
        var run = CliRun.Of(Args("--dictionary", _results.Dictionary.DictionaryPath, "--model", _results.Dictionary.CardPath, "--pictures", "2", "--device", "cpu"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("<img src=\"data:image/png;base64,", File.ReadAllText(Path.Combine(OutDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ExitsTwo_AndWritesNothing_ForAModelWithoutTheDictionary()
    {
        var run = CliRun.Of(Args("--model", _results.Dictionary.CardPath));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pictures need --dictionary too", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(OutDir));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2", 2)]
    public void Report_NeedsTheModel_OnlyWhenPicturesAreAskedFor(string pictures, int exitCode)
    {
        var run = CliRun.Of(Args("--dictionary", _results.Dictionary.DictionaryPath, "--pictures", pictures));

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(exitCode == 2, run.Error.Contains("pictures need the model", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_RendersTheMarkdownWithTheOverride_FromTemplate()
    {
        Directory.CreateDirectory(_dir.Combine("templates", "report"));
        File.WriteAllText(_dir.Combine("templates", "report", "markdown.scriban"), "custom: {{ header.model }}, {{ rules.size }} rule outcomes");
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), GatePolicy.Passing);

        var run = CliRun.Of(Args("--policy", policy, "--template", _dir.Combine("templates")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("custom: resnet18, 2 rule outcomes", File.ReadAllText(Path.Combine(OutDir, "report.md")));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(OutDir, "report.html")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Report_SaysTheBaselineLacksTheLayer_RatherThanNoChange_ForABaselineWithoutALayerInCommon()
    {
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), """
            { "version": 1, "rules": [ { "id": "coverage-regression", "metric": "coverage_hnd", "max_decrease": { "absolute": 0 } } ] }
            """);

        var run = CliRun.Of(Args("--policy", policy, "--baseline", _results.OtherLayerPath, "--allow-mismatch"));

        Assert.Equal(0, run.ExitCode);
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(OutDir, "report.html")));
        Assert.Contains($"decrease ≤ 0 from baseline not evaluated: the baseline has no coverage_hnd on layer '{DissectedResults.Layer}'", html, StringComparison.Ordinal);
        Assert.Contains(
            $"Compared despite a mismatch: layers: only in the baseline: {DissectedResults.OtherLayer}; only in the current results: {DissectedResults.Layer}; no layer in common, so no metric or unit is compared",
            html,
            StringComparison.Ordinal);
    }

    private string OutDir => _dir.Combine("out");

    // The step summary is named: under GitHub Actions the default, $GITHUB_STEP_SUMMARY, is the test job's own.
    private string[] Args(params string[] more) =>
        ["report", "--results", _results.Path, "--out-dir", OutDir, "--step-summary", _dir.Combine("summary.md"), .. more];
}
