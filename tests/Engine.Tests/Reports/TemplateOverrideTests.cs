using HndGate.Engine.Reports;

namespace HndGate.Engine.Tests.Reports;

/// <summary><c>--template DIR</c>: overrides first, the embedded templates otherwise, and a sandbox around both.</summary>
public sealed class TemplateOverrideTests : IDisposable
{
    private readonly TemporaryDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Render_UsesTheOverride_WhenTheFolderHasTheTemplate()
    {
        Write("report/markdown.scriban", "custom {{ header.verdict }} {{ rules.size }}");

        var text = new ReportWriter(temp.Combine("t")).Markdown(ReportSamples.Full());
        var slashed = new ReportWriter(temp.Combine("t") + Path.DirectorySeparatorChar).Markdown(ReportSamples.Full());

        Assert.Equal("custom FAILED 6", text);
        Assert.Equal(text, slashed);
    }

    [Fact]
    public void Render_FallsBackToTheEmbeddedTemplate_WhenTheFolderLacksIt()
    {
        Write("report/markdown.scriban", "custom");
        var model = ReportSamples.Full();

        Assert.Equal(new ReportWriter().JUnit(model), new ReportWriter(temp.Combine("t")).JUnit(model));
    }

    [Fact]
    public void Include_ServesTemplatesOfTheFolder_AndEmbeddedOnes()
    {
        Write("report/html.scriban", "{{ include 'report/part.scriban' }}|{{ include 'report/annotations.scriban' }}");
        Write("report/part.scriban", "part {{ header.verdict }}");
        var model = ReportSamples.Full();

        var text = new ReportWriter(temp.Combine("t")).Html(model);

        Assert.Equal("part FAILED|" + new ReportWriter().Annotations(model), text);
    }

    [Theory]
    [InlineData("../secret.scriban")]
    [InlineData("report/../../secret.scriban")]
    [InlineData("/etc/hostname")]
    [InlineData("report\\\\..\\\\..\\\\secret.scriban")]
    public void Include_RefusesNamesOutsideTheFolder(string name)
    {
        File.WriteAllText(temp.Combine("secret.scriban"), "SECRET");
        Write("report/markdown.scriban", "line one\n{{ include '" + name + "' }}");

        var e = Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("t")).Markdown(ReportSamples.Full()));

        Assert.Contains("refused", e.Message, StringComparison.Ordinal);
        Assert.Equal(temp.Combine("t", "report", "markdown.scriban"), e.File);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Include_DoesNotFollowASymbolicLinkOutOfTheFolder()
    {
        File.WriteAllText(temp.Combine("secret.scriban"), "SECRET");
        Write("report/markdown.scriban", "{{ include 'report/link.scriban' }}");
        File.CreateSymbolicLink(temp.Combine("t", "report", "link.scriban"), temp.Combine("secret.scriban"));

        var e = Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("t")).Markdown(ReportSamples.Full()));

        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
        Assert.Contains("no template 'report/link.scriban'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StopsATemplateThatLoopsForever_WithAnInputErrorNamingFileAndLine()
    {
        Write("report/junit.scriban", "<x>\n{{ while true }}{{ end }}");

        var e = Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("t")).JUnit(ReportSamples.Full()));

        Assert.Equal(temp.Combine("t", "report", "junit.scriban"), e.File);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Render_StopsEndlessRecursion()
    {
        Write("report/junit.scriban", "{{ func f; ret f; end; f }}");

        Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("t")).JUnit(ReportSamples.Full()));
    }

    [Fact]
    public void Render_StopsOutputOverTheLimit()
    {
        Write("report/junit.scriban", "{{ x = '' | string.pad_right 100000 }}{{ for i in 1..1000 }}{{ x }}{{ end }}");

        var e = Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("t")).JUnit(ReportSamples.Full()));

        Assert.Contains("limit", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_HasNoClock()
    {
        Write("report/junit.scriban", "[{{ date.now }}][{{ date.add_days (date.parse '2026-01-01') 1 | date.to_string '%F' }}]");

        var text = new ReportWriter(temp.Combine("t")).JUnit(ReportSamples.Full());

        Assert.Equal("[][2026-01-02]", text);
    }

    [Fact]
    public void Parse_OfABrokenOverride_IsAnInputErrorNamingFileAndLine()
    {
        Write("report/annotations.scriban", "fine\n{{ for x in }}");

        var e = Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("t")).Annotations(ReportSamples.Full()));

        Assert.Equal(temp.Combine("t", "report", "annotations.scriban"), e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("does not parse", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RefusesAMissingFolder()
    {
        var e = Assert.Throws<HndGateInputException>(() => new ReportWriter(temp.Combine("missing")));

        Assert.Equal(temp.Combine("missing"), e.File);
    }

    private void Write(string name, string text)
    {
        var path = temp.Combine("t", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
