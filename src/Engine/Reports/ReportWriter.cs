using System.Text;

namespace HndGate.Engine.Reports;

/// <summary>
/// Renders a <see cref="ReportModel"/> with the report templates (src/Templates/report, or their overrides in
/// <c>--template DIR</c>): report.md (at most <see cref="MarkdownLimit"/> bytes), report.html (self-contained),
/// junit.xml and GitHub workflow annotations.
/// </summary>
public sealed class ReportWriter
{
    /// <summary>A pull-request comment's limit: 60 KB of UTF-8.</summary>
    public const int MarkdownLimit = 60 * 1024;

    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";
    public const string JUnitFile = "junit.xml";

    private readonly TemplateRenderer renderer;

    /// <param name="templateDirectory">The <c>--template DIR</c> folder, whose <c>report/&lt;name&gt;.scriban</c> files replace the embedded ones; null for none.</param>
    public ReportWriter(string? templateDirectory = null)
    {
        renderer = new TemplateRenderer(templateDirectory);
    }

    /// <summary>Renders report.md, report.html and junit.xml, then writes each into <paramref name="outDirectory"/> atomically (nothing is written if a template fails).</summary>
    public void WriteAll(ReportModel model, string outDirectory) => Write(Render(model), outDirectory);

    /// <summary>The three reports of <paramref name="model"/>, for a caller that uses the text before writing it.</summary>
    public RenderedReports Render(ReportModel model) => new(Markdown(model), Html(model), JUnit(model));

    /// <summary>Writes rendered reports into <paramref name="outDirectory"/>, each file atomically.</summary>
    public static void Write(RenderedReports reports, string outDirectory)
    {
        var files = new[]
        {
            (MarkdownFile, reports.Markdown),
            (HtmlFile, reports.Html),
            (JUnitFile, reports.JUnit),
        };
        Directory.CreateDirectory(outDirectory);
        foreach (var (name, text) in files)
        {
            AtomicFile.WriteAllText(Path.Combine(outDirectory, name), text);
        }
    }

    /// <summary>
    /// The Markdown report, cut to fit <see cref="MarkdownLimit"/> bytes: sections are dropped in the order of
    /// <see cref="ReportDetail"/>, then rule rows, and the text then ends with a pointer to the full report.
    /// </summary>
    public string Markdown(ReportModel model)
    {
        var detail = model.Detail;
        var cuts = new[]
        {
            detail,
            detail with { ChangedUnits = false, Truncated = true },
            detail with { ChangedUnits = false, Concepts = false, Truncated = true },
            detail with { ChangedUnits = false, Concepts = false, Charts = false, Truncated = true },
            detail with { ChangedUnits = false, Concepts = false, Charts = false, LayerTables = false, Truncated = true },
        };
        string? text = null;
        foreach (var cut in cuts)
        {
            text = renderer.Render("report/markdown.scriban", model with { Detail = cut });
            if (Fits(text))
            {
                return text;
            }
        }

        // The verdict and the failing rules first: the largest number of rule rows that fits, by bisection.
        var shortest = cuts[^1];
        var (fits, over) = (0, Math.Min(shortest.RuleRows, model.Rules.Count));
        text = RenderRules(model, shortest, 0);
        while (over - fits > 1)
        {
            var middle = (fits + over) / 2;
            var candidate = RenderRules(model, shortest, middle);
            if (Fits(candidate))
            {
                (fits, text) = (middle, candidate);
            }
            else
            {
                over = middle;
            }
        }

        return text;
    }

    /// <summary>The self-contained HTML report: inline CSS and SVG, pictures as data: URIs, no scripts.</summary>
    public string Html(ReportModel model) => renderer.Render("report/html.scriban", model);

    /// <summary>JUnit XML: one test suite per policy, one test case per rule outcome (mapping in the template's header).</summary>
    public string JUnit(ReportModel model) => renderer.Render("report/junit.scriban", model);

    /// <summary>GitHub workflow commands (<c>::error file=…,line=…,title=…::…</c>), one line per outcome that is not a plain pass.</summary>
    public string Annotations(ReportModel model) => renderer.Render("report/annotations.scriban", model);

    private static bool Fits(string text) => Encoding.UTF8.GetByteCount(text) <= MarkdownLimit;

    private string RenderRules(ReportModel model, ReportDetail detail, int rows) =>
        renderer.Render("report/markdown.scriban", model with { Detail = detail with { RuleRows = rows, HiddenRules = model.Rules.Count - rows } });
}
