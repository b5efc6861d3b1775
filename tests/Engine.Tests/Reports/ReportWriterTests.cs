using System.Text;
using System.Xml;
using System.Xml.Linq;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Gate;
using HndGate.Engine.Reports;

namespace HndGate.Engine.Tests.Reports;

public sealed class ReportWriterTests
{
    private readonly ReportWriter writer = new();

    [Fact]
    public void Markdown_OfA2048UnitLayerWithEveryUnitChanged_StaysWithin60KB_AndKeepsVerdictAndRules()
    {
        var concepts = Enumerable.Range(0, 64).Select(i => new Concept($"concept_{i:00}", ConceptType.Part, $"region_{i % 8}")).ToArray();
        (string, string[])[] families = [("gender", ["female", "male"]), ("age", ["young", "middle", "old"]), ("skin", ["light", "medium", "dark"])];
        var results = ReportSamples.Results(concepts, families, ("layer4.1.conv1", 2048));
        var outcomes = concepts
            .Select((c, i) => ReportSamples.Outcome($"concept-{i:00}", "layer4.1.conv1", $"units_per_concept[{c.Name}]", i % 2 == 0 ? RuleStatus.Failed : RuleStatus.Passed, 30, "≤ 20", $"units_per_concept[{c.Name}] = 30 exceeds 20", 10 + i))
            .ToList();
        var changed = Enumerable.Range(0, 2048)
            .Select(u => new UnitChange("layer4.1.conv1", u, ["gender/female", "age/old"], ["skin/dark"], [concepts[u % 64].Name], [concepts[(u + 1) % 64].Name]))
            .ToList();
        var baseline = new BaselineComparison("baseline.json", [], [], changed, [], []);
        var model = ReportBuilder.Build(results, new GateVerdict("policy.json", outcomes), baseline);

        var markdown = writer.Markdown(model);

        Assert.InRange(Encoding.UTF8.GetByteCount(markdown), 1, ReportWriter.MarkdownLimit);
        Assert.StartsWith("## hnd-gate: ❌ FAILED", markdown, StringComparison.Ordinal);
        Assert.Contains("| Rule | Layer | Metric | Value [interval] | Bound | Baseline | Δ | Status |", markdown, StringComparison.Ordinal);
        Assert.All(outcomes, o => Assert.Contains($"| {o.RuleId} |", markdown, StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_SaysSo_WhenNoUnitOfALayerIsInterpretable_InsteadOfEmptyTables()
    {
        var model = ReportSamples.Full();
        var empty = model with { Layers = [model.Layers[0] with { TopConcepts = [] }, model.Layers[1]] };

        var markdown = writer.Markdown(empty);

        Assert.Contains("**layer3.0.conv1**: no unit is interpretable for a facial concept.", markdown, StringComparison.Ordinal);
        Assert.Contains("**layer4.1.conv1**: units per concept (top ", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("(top 0)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownAndHtml_SayAWaiverOnce_InTheOutcomesMessage()
    {
        var model = ReportSamples.Full();

        var markdown = writer.Markdown(model);
        var html = writer.Html(model);

        Assert.Single(Occurrences(markdown, "@alice"));
        Assert.Single(Occurrences(markdown, "@bob"));
        Assert.Single(Occurrences(html, "@alice"));
        Assert.Single(Occurrences(html, "@bob"));
        Assert.Contains("waived until 2027-01-31 by @alice: retraining in #123.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_EscapesMarkupInMessages_ButKeepsApostrophesAndQuotesReadable()
    {
        var outcome = ReportSamples.Outcome("r", "layer4.1.conv1", "coverage_hnd", RuleStatus.Failed, 0.1, "≥ 0.2", "the baseline's \"0.3\" <b>dropped</b> & more", 10);
        var model = ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 4)), new GateVerdict("policy.json", [outcome]));

        var markdown = writer.Markdown(model);

        Assert.Contains("the baseline's \"0.3\" &lt;b&gt;dropped&lt;/b&gt; &amp; more", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("&#39;", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_OverTheLimit_DropsDetailFirst_AndEndsWithAPointerToTheFullReport()
    {
        var model = ReportSamples.Full();
        var changed = Enumerable.Range(0, 2000)
            .Select(u => new UnitChange("layer4.1.conv1", u, [new string('f', 200)], [], [], []))
            .ToList();
        var baseline = ReportBuilder.Build(
            ReportSamples.Results(("layer3.0.conv1", 12), ("layer4.1.conv1", 16)),
            ReportSamples.Verdict(),
            ReportSamples.Baseline() with { ChangedUnits = changed }).Baseline!;
        var fat = model with { Baseline = baseline with { ListedChangedUnits = baseline.ChangedUnits } };

        var full = writer.Markdown(model);
        var cut = writer.Markdown(fat);

        Assert.True(Encoding.UTF8.GetByteCount(new TemplateRenderer().Render("report/markdown.scriban", fat)) > ReportWriter.MarkdownLimit, "the uncut report is over the limit");
        Assert.DoesNotContain("shortened to fit", full, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(cut), 1, ReportWriter.MarkdownLimit);
        Assert.DoesNotContain(new string('f', 200), cut, StringComparison.Ordinal);
        Assert.Contains("### Top concepts and regions", cut, StringComparison.Ordinal);
        Assert.EndsWith("The full report is report.html, the numbers are in results.json.\n", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_WithMoreRulesThanFit_ShowsTheFailedRulesFirst_AndCountsTheRest()
    {
        var outcomes = Enumerable.Range(0, 3000)
            .Select(i => ReportSamples.Outcome($"rule-{i:0000}", "layer4.1.conv1", "coverage_hnd", i == 2999 ? RuleStatus.Failed : RuleStatus.Passed, 0.5, "≥ 0.2", "coverage_hnd = 0.5 is within ≥ 0.2", i + 1))
            .ToList();
        var model = ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 16)), new GateVerdict("policy.json", outcomes));

        var markdown = writer.Markdown(model);

        Assert.InRange(Encoding.UTF8.GetByteCount(markdown), 1, ReportWriter.MarkdownLimit);
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| rule-", StringComparison.Ordinal)).ToList();
        Assert.InRange(rows.Count, 1, 2999);
        Assert.StartsWith("| rule-2999 |", rows[0], StringComparison.Ordinal);
        Assert.Contains($"{3000 - rows.Count} more rule outcomes", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### Coverage per layer", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_IsValidXml_WithOneCasePerOutcome_FailuresForFailed_AndSkippedForWaived()
    {
        var model = ReportSamples.Full();

        var xml = XDocument.Parse(writer.JUnit(model));

        var suite = Assert.Single(xml.Root!.Elements("testsuite"));
        Assert.Equal("ci/policy.json", (string?)suite.Attribute("name"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(6, cases.Count);
        Assert.Equal(["gender-bias [layer4.1.conv1]", "gender-bias-regression [layer4.1.conv1]"], cases.Where(c => c.Element("failure") is not null).Select(c => (string?)c.Attribute("name")));
        Assert.Equal(["coverage [layer4.1.conv1]", "coverage-regression [layer3.0.conv1]"], cases.Where(c => c.Element("skipped") is not null).Select(c => (string?)c.Attribute("name")));
        Assert.Equal("2", (string?)suite.Attribute("failures"));
        Assert.Equal("2", (string?)suite.Attribute("skipped"));
        Assert.Contains(cases, c => ((string?)c.Element("system-out"))?.StartsWith("warning: coverage_hnd", StringComparison.Ordinal) == true);
        Assert.Contains(cases, c => ((string?)c.Element("system-out"))?.Contains("units_per_concept[<script>]", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void JUnit_StaysValidXml_WhenTextCarriesControlCharacters()
    {
        var verdict = new GateVerdict("p\u0001.json", [ReportSamples.Outcome("r", "l\u0002", "coverage_hnd", RuleStatus.Failed, 0.1, "≥ 0.2", "bad \u0007 \"quoted\" & <tagged>", 3)]);

        var text = writer.JUnit(ReportBuilder.Build(ReportSamples.Results(("l\u0002", 4)), verdict));

        var failure = XDocument.Parse(text).Descendants("failure").Single();
        Assert.Equal("bad \uFFFD \"quoted\" & <tagged>", (string?)failure.Attribute("message"));
    }

    [Fact]
    public void JUnit_WithoutAPolicy_HasAnEmptySuite()
    {
        var xml = XDocument.Parse(writer.JUnit(ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 4)))));

        Assert.Empty(xml.Descendants("testcase"));
        Assert.Equal("0", (string?)xml.Root!.Attribute("tests"));
    }

    [Fact]
    public void Annotations_EscapeDataAndProperties_AsGitHubReadsThem()
    {
        var verdict = new GateVerdict("dir,with:odd%name.json", [ReportSamples.Outcome("r", "a:b,c", "coverage_hnd", RuleStatus.Failed, 0.1, "≥ 0.2", "50% down\r\nnext: line, end", 4)]);

        var lines = writer.Annotations(ReportBuilder.Build(ReportSamples.Results(("a:b,c", 4)), verdict)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var line = Assert.Single(lines);
        Assert.Equal("::error file=dir%2Cwith%3Aodd%25name.json,line=4,title=hnd-gate rule failed%3A r on a%3Ab%2Cc::50%25 down%0D%0Anext: line, end", line);
    }

    [Fact]
    public void Annotations_OneLinePerStatus_AndAWarningForAnExpiredWaiver()
    {
        var lines = writer.Annotations(ReportSamples.Full()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("::notice ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("::warning ", StringComparison.Ordinal) && l.Contains("expired on 2026-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_IsOneSelfContainedDocument_WithEverySection_EscapedNames_AndDataUriPictures()
    {
        var html = writer.Html(ReportSamples.Full());

        var document = ParseHtml(html);
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null).ToHashSet();
        Assert.Superset(new HashSet<string?> { "verdict", "rules", "coverage", "across-layers", "bias-across-layers", "layer-0", "layer-1", "baseline", "layer-1-unit-3", "layer-1-unit-0" }, ids);
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "link" or "iframe" or "object");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains(document.Descendants("td"), td => td.Value == "<script>");
        var images = document.Descendants("img").ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, img => Assert.StartsWith("data:image/png;base64,", (string?)img.Attribute("src"), StringComparison.Ordinal));
        Assert.Contains(images, img => (string?)img.Attribute("src") == "data:image/png;base64," + Convert.ToBase64String(ReportSamples.Pictures()[0].Png));
        Assert.Contains(images, img => (string?)img.Attribute("alt") == "local/<b>&c.png");
        var references = document.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName is "src" or "href").Select(a => a.Value);
        Assert.All(references, r => Assert.StartsWith("data:", r, StringComparison.Ordinal));
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.True(document.Descendants("svg").Count() > 10, "the histograms and bars are inline SVG");
    }

    [Fact]
    public void Html_OfOneLayer_LeavesOutTheCoverageAcrossLayers()
    {
        var document = ParseHtml(writer.Html(ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 16)))));

        Assert.DoesNotContain(document.Descendants(), e => (string?)e.Attribute("id") == "across-layers");
        Assert.Contains(document.Descendants("h1"), h => h.Value.Contains("NOT GATED", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_ShowsANotEvaluatedRule_ApartFromPassed_InTheTableAndTheCounts()
    {
        var markdown = writer.Markdown(NotEvaluatedOnly());

        Assert.StartsWith("## hnd-gate: ✅ PASSED", markdown, StringComparison.Ordinal);
        Assert.Contains("**0 failed**, 0 warnings, 0 waived, 0 passed, 1 not evaluated (no baseline) of 1 rule outcome (policy policy.json).", markdown, StringComparison.Ordinal);
        Assert.Contains("| increase ≤ 0.02 over baseline | — | — | ⏭️ not evaluated |", markdown, StringComparison.Ordinal);
        Assert.Contains("- ⏭️ not evaluated **bias-regression** on layer4.1.conv1: ", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("✅ passed", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_ShowsANotEvaluatedRule_WithItsOwnStatusAndCount()
    {
        var document = ParseHtml(writer.Html(NotEvaluatedOnly()));

        var row = Assert.Single(document.Descendants("tr"), tr => ((string?)tr.Attribute("class"))?.StartsWith("status-", StringComparison.Ordinal) == true);
        Assert.Equal("status-not-evaluated", (string?)row.Attribute("class"));
        Assert.Contains(row.Elements("td"), td => td.Value == "not evaluated");
        Assert.Contains(document.Descendants("p"), p => p.Value.Contains("0 passed, 1 not evaluated (no baseline) of 1 rule outcome(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void JUnit_SkipsANotEvaluatedRule_SayingWhy_WithoutAFailure()
    {
        var xml = XDocument.Parse(writer.JUnit(NotEvaluatedOnly()));

        var testCase = Assert.Single(xml.Descendants("testcase"));
        Assert.Null(testCase.Element("failure"));
        Assert.Equal("not evaluated: no baseline", (string?)testCase.Element("skipped")?.Attribute("message"));
        Assert.Contains("not evaluated: no baseline", (string?)testCase.Element("system-out"), StringComparison.Ordinal);
        Assert.Equal(("0", "1"), ((string?)xml.Root!.Attribute("failures"), (string?)xml.Root.Attribute("skipped")));
    }

    [Fact]
    public void Annotations_GiveANoticeForANotEvaluatedRule_WithItsMessage()
    {
        var lines = writer.Annotations(NotEvaluatedOnly()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var line = Assert.Single(lines);
        Assert.Equal(
            "::notice file=policy.json,line=5,title=hnd-gate rule not evaluated%3A bias-regression on layer4.1.conv1::On layer4.1.conv1, biased_ratio[gender] = 0.25: increase ≤ 0.02 over baseline not evaluated: no baseline.",
            line);
    }

    [Fact]
    public void WriteAll_WritesTheThreeReports()
    {
        using var temp = new TemporaryDirectory();
        var model = ReportSamples.Full();

        writer.WriteAll(model, temp.Combine("out"));

        Assert.Equal(writer.Markdown(model), File.ReadAllText(temp.Combine("out", ReportWriter.MarkdownFile)));
        Assert.Equal(writer.Html(model), File.ReadAllText(temp.Combine("out", ReportWriter.HtmlFile)));
        Assert.Equal(writer.JUnit(model), File.ReadAllText(temp.Combine("out", ReportWriter.JUnitFile)));
        Assert.Equal(3, Directory.GetFiles(temp.Combine("out")).Length);
    }

    [Fact]
    public void WriteAll_WritesNothing_WhenATemplateFails()
    {
        using var temp = new TemporaryDirectory();
        Directory.CreateDirectory(temp.Combine("templates", "report"));
        File.WriteAllText(temp.Combine("templates", "report", "junit.scriban"), "{{ no_such_variable }}");

        Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("templates")).WriteAll(ReportSamples.Full(), temp.Combine("out")));

        Assert.False(Directory.Exists(temp.Combine("out")) && Directory.EnumerateFileSystemEntries(temp.Combine("out")).Any());
    }

    /// <summary>A gate whose one rule has only a regression bound, run without a baseline.</summary>
    private static ReportModel NotEvaluatedOnly()
    {
        var outcome = ReportSamples.Outcome(
            "bias-regression", "layer4.1.conv1", "biased_ratio[gender]", RuleStatus.NotEvaluated, 0.25, "increase ≤ 0.02 over baseline",
            "On layer4.1.conv1, biased_ratio[gender] = 0.25: increase ≤ 0.02 over baseline not evaluated: no baseline.", 5);
        return ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 4)), new GateVerdict("policy.json", [outcome]));
    }

    /// <summary>The report is written as well-formed markup, so an XML parser (DOCTYPE skipped) checks its structure.</summary>
    private static XDocument ParseHtml(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    private static IEnumerable<int> Occurrences(string text, string part)
    {
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
