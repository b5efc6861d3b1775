using HndGate.Engine.Dictionary;
using HndGate.Engine.Reports;

namespace HndGate.Engine.Tests.Reports;

public sealed class TemplateRendererTests
{
    private readonly TemplateRenderer renderer = new();

    [Fact]
    public void Render_DrawsTheDictionaryInfo_WithOneBarPerConcept_MostFirst()
    {
        var statistics = DictionaryStatistics.Compute(new FaceDictionary(
            "/dict",
            DictionaryFormat.Manifest,
            [new Concept("nose", ConceptType.Part, "nose"), new Concept("Smiling", ConceptType.Attribute, "mouth")],
            [
                new LocalImage("a.png", [new ConceptMask("nose", "a.n.png")]),
                new LocalImage("b.png", [new ConceptMask("nose", "b.n.png"), new ConceptMask("Smiling", "b.s.png")]),
            ],
            [new GlobalFamily("gender", 0.6, [new Subgroup("male", ["m"]), new Subgroup("female", ["f"])])]));

        var text = renderer.Render("dictionary/info.scriban", statistics);

        var lines = text.Split('\n');
        var nose = Array.FindIndex(lines, l => l.TrimStart().StartsWith("nose ", StringComparison.Ordinal) && l.EndsWith('#'));
        var smiling = Array.FindIndex(lines, l => l.TrimStart().StartsWith("Smiling ", StringComparison.Ordinal) && l.EndsWith('#'));
        Assert.True(nose >= 0 && smiling == nose + 1, text);
        Assert.EndsWith(" 2 " + new string('#', DictionaryStatistics.HistogramWidth), lines[nose]);
        Assert.EndsWith(" 1 " + new string('#', DictionaryStatistics.HistogramWidth / 2), lines[smiling]);
        Assert.Contains("Format          B, manifest", text, StringComparison.Ordinal);
        Assert.Contains("gender", text, StringComparison.Ordinal);
        Assert.Contains("0.60", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefusesAnUnknownVariable()
    {
        var template = TemplateRenderer.Parse("{{ no_such_thing }}", "t.scriban");

        var e = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render(template, new { Known = 1 }));

        Assert.Contains("t.scriban", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StopsARunawayLoop()
    {
        var template = TemplateRenderer.Parse("{{ for i in 1..2000000 }}x{{ end }}", "loop.scriban");

        Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render(template, new { }));
    }

    [Fact]
    public void Parse_NamesFileLineAndColumn_OfASyntaxError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Parse("line one\n{{ for x in }}", "bad.scriban"));

        Assert.Contains("bad.scriban(2,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefusesAnUnknownTemplate()
    {
        Assert.Throws<ArgumentException>(() => renderer.Render("no/such.scriban", new { }));
    }
}
