using System.Globalization;
using HndGate.Engine.Dissection;
using HndGate.Engine.Gate;
using HndGate.Engine.Results;

namespace HndGate.Engine.Reports;

/// <summary>
/// Builds the <see cref="ReportModel"/> every report is rendered from: one results file, and the gate's verdict,
/// the baseline comparison and the unit pictures when the run has them. All formatting decisions that are not layout
/// (number formats, bar lengths, order, what the Markdown lists) are made here, so templates only lay out.
/// </summary>
public static class ReportBuilder
{
    /// <summary>Cells of a full text bar.</summary>
    public const int TextBarLength = 20;

    /// <summary>Pixels of a full picture bar.</summary>
    public const int PictureBarWidth = 300;

    /// <summary>Concepts per layer in the Markdown's top-concepts table and chart.</summary>
    public const int MarkdownConcepts = 10;

    /// <summary>Changed units the Markdown lists before counting the rest.</summary>
    public const int MarkdownChangedUnits = 100;

    public static ReportModel Build(
        RecordedResults results,
        GateVerdict? verdict = null,
        BaselineComparison? baseline = null,
        IReadOnlyList<UnitPicture>? pictures = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rules = verdict is null ? [] : RuleRows(verdict);
        var galleries = Galleries(results, pictures ?? []);
        var layers = results.Layers.Select(l => Layer(l, galleries.GetValueOrDefault(l.Name, []))).ToList();
        return new ReportModel(
            Header(results, verdict, baseline),
            rules,
            layers,
            layers.Count > 1,
            baseline is null ? null : Baseline(baseline),
            ReportDetail.Full(rules.Count));
    }

    private static ReportHeader Header(RecordedResults results, GateVerdict? verdict, BaselineComparison? baseline)
    {
        var fingerprint = results.Fingerprint;
        var settings = results.Settings;
        var thresholds = settings.FamilyThresholds.Select(t => $"θ {PrintableText.Of(t.Key)} = {ReportNumber.Plain(t.Value)}");
        var bootstrap = results.Bootstrap is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"{b.Replicates} replicates, seed {b.Seed}, {ReportNumber.Plain(b.Level * 100)}% intervals")
            : string.Empty;
        return new ReportHeader(
            verdict is not null,
            verdict?.Passed ?? true,
            verdict is null ? "NOT GATED" : verdict.Passed ? "PASSED" : "FAILED",
            verdict?.Count(RuleStatus.Failed) ?? 0,
            verdict?.Count(RuleStatus.Warning) ?? 0,
            verdict?.Count(RuleStatus.Waived) ?? 0,
            verdict?.Count(RuleStatus.Passed) ?? 0,
            verdict?.Count(RuleStatus.NotEvaluated) ?? 0,
            baseline is null ? "no baseline" : "not in the baseline",
            verdict?.Outcomes.Count ?? 0,
            PrintableText.Of(verdict?.PolicyPath ?? string.Empty),
            PrintableText.Of(fingerprint.Model),
            ShortHash(fingerprint.ModelHash),
            ShortHash(fingerprint.DictionaryHash),
            PrintableText.Of(fingerprint.Device),
            PrintableText.Of(fingerprint.ToolVersion),
            string.Join(", ", new[] { $"q = {ReportNumber.Plain(settings.Quantile)}", $"τ_iou = {ReportNumber.Plain(settings.IouThreshold)}" }.Concat(thresholds)),
            bootstrap,
            PrintableText.Of(baseline?.BaselinePath ?? string.Empty));
    }

    /// <summary>"sha256:" and the first 12 hex digits: enough to tell results apart when reading.</summary>
    private static string ShortHash(string hash)
    {
        var colon = hash.IndexOf(':', StringComparison.Ordinal);
        var digits = colon >= 0 ? hash[(colon + 1)..] : hash;
        return PrintableText.Of((colon >= 0 ? hash[..(colon + 1)] : string.Empty) + digits[..Math.Min(12, digits.Length)]);
    }

    private static List<RuleRow> RuleRows(GateVerdict verdict) =>
        verdict.Outcomes
            .OrderBy(o => o.Status switch { RuleStatus.Failed => 0, RuleStatus.Warning => 1, RuleStatus.Waived => 2, RuleStatus.NotEvaluated => 3, _ => 4 })
            .Select(o => new RuleRow(
                PrintableText.Of(o.RuleId),
                PrintableText.Of(o.Layer),
                PrintableText.Of(o.Metric),
                PrintableText.Of(o.Severity),
                PrintableText.Of(o.On),
                ReportNumber.Plain(o.Value),
                o.Interval is { } i ? $"[{ReportNumber.Plain(i.Lower)}, {ReportNumber.Plain(i.Upper)}]" : string.Empty,
                ReportNumber.Plain(o.Gated),
                PrintableText.Of(o.Bound),
                o.Baseline is { } baseline ? ReportNumber.Plain(baseline) : "—",
                o.Delta is { } delta ? ReportNumber.Signed(delta) : "—",
                RuleStatusName.Of(o.Status),
                PrintableText.Of(o.Message),
                o.PolicyLine,
                o.Waiver is { } w
                    ? new WaiverRow(PrintableText.Of(w.Reason), PrintableText.Of(w.Owner), w.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Expired, w.PolicyLine)
                    : null))
            .ToList();

    private static LayerReport Layer(RecordedLayer layer, IReadOnlyList<UnitGallery> galleries)
    {
        var s = layer.Summary;
        var families = s.BiasedRatio
            .Select(f => new FamilyRow(
                PrintableText.Of(f.Family),
                ReportNumber.Percent(f.Ratio),
                ReportNumber.Bar(f.Ratio, 1, TextBarLength),
                ReportNumber.Bar(f.Ratio, 1, PictureBarWidth),
                f.Subgroups.Select(g => new SubgroupRow(
                    PrintableText.Of(f.Family),
                    PrintableText.Of(g.Subgroup),
                    ReportNumber.Percent(g.Ratio),
                    ReportNumber.PercentValue(g.Ratio),
                    ReportNumber.Bar(g.Ratio, 1, TextBarLength),
                    ReportNumber.Bar(g.Ratio, 1, PictureBarWidth))).ToList()))
            .ToList();
        var concepts = CountBars(s.UnitsPerConcept);
        var localGlobal = s.LocalGlobal
            .Where(x => x.Units > 0)
            .OrderByDescending(x => x.Units)
            .ThenBy(x => x.Concept, StringComparer.Ordinal)
            .ThenBy(x => x.Family, StringComparer.Ordinal)
            .ThenBy(x => x.Subgroup, StringComparer.Ordinal)
            .Select(x => new LocalGlobalRow(PrintableText.Of(x.Concept), PrintableText.Of(x.Family), PrintableText.Of(x.Subgroup), x.Units))
            .ToList();
        return new LayerReport(
            PrintableText.Of(layer.Name),
            s.Units,
            ReportNumber.Percent(s.CoverageHnd),
            ReportNumber.PercentValue(s.CoverageHnd),
            ReportNumber.Bar(s.CoverageHnd, 1, PictureBarWidth),
            ReportNumber.Percent(s.CoverageNetDissect),
            ReportNumber.PercentValue(s.CoverageNetDissect),
            ReportNumber.Bar(s.CoverageNetDissect, 1, PictureBarWidth),
            s.Unlocalisable,
            ReportNumber.Percent(Fraction(layer.Units, u => u.Interpretable)),
            ReportNumber.Percent(Fraction(layer.Units, u => u.Biased)),
            families,
            concepts,
            concepts.Where(c => c.Units > 0).Take(MarkdownConcepts).ToList(),
            CountBars(s.UnitsPerRegion),
            localGlobal,
            galleries);
    }

    private static double Fraction(IReadOnlyList<UnitRecord> units, Func<UnitRecord, bool> which) =>
        units.Count == 0 ? 0 : (double)units.Count(which) / units.Count;

    /// <summary>Most units first, ties by name (ordinal) so the order never depends on the dictionary's.</summary>
    private static List<CountBar> CountBars(IReadOnlyList<UnitCount> counts)
    {
        var most = counts.Count == 0 ? 0 : counts.Max(c => c.Units);
        return counts
            .OrderByDescending(c => c.Units)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new CountBar(
                PrintableText.Of(c.Name),
                c.Units,
                ReportNumber.Bar(c.Units, most, TextBarLength),
                ReportNumber.Bar(c.Units, most, PictureBarWidth)))
            .ToList();
    }

    private static Dictionary<string, IReadOnlyList<UnitGallery>> Galleries(RecordedResults results, IReadOnlyList<UnitPicture> pictures)
    {
        var galleries = new Dictionary<string, IReadOnlyList<UnitGallery>>(StringComparer.Ordinal);
        foreach (var byLayer in pictures.GroupBy(p => p.Layer, StringComparer.Ordinal))
        {
            var layer = results.Layers.FirstOrDefault(l => l.Name == byLayer.Key)
                ?? throw new ArgumentException($"a unit picture names the layer '{byLayer.Key}', which the results do not have", nameof(pictures));
            galleries[byLayer.Key] = byLayer
                .GroupBy(p => p.Unit)
                .OrderBy(g => g.Key)
                .Select(g => Gallery(layer, g.Key, g.ToList()))
                .ToList();
        }

        return galleries;
    }

    private static UnitGallery Gallery(RecordedLayer layer, int unit, IReadOnlyList<UnitPicture> pictures)
    {
        var record = layer.Units.FirstOrDefault(u => u.Unit == unit)
            ?? throw new ArgumentException($"a unit picture names unit {unit} of '{layer.Name}', which the results do not have", nameof(pictures));
        return new UnitGallery(
            PrintableText.Of(layer.Name),
            unit,
            record.TopConcept is null ? "—" : PrintableText.Of(record.TopConcept),
            ReportNumber.Plain(record.TopIou),
            record.Region is null ? "not localisable" : PrintableText.Of(record.Region),
            record.RegionConcepts.Where(c => c.Interpretable).Select(c => PrintableText.Of(c.Concept)).ToList(),
            record.Families.SelectMany(f => f.Subgroups.Where(s => s.Biased).Select(s => PrintableText.Of($"{f.Family}/{s.Subgroup}"))).ToList(),
            pictures.Select(p => new PictureTile(PrintableText.Of(p.Image), ReportNumber.Plain(p.Maximum), Convert.ToBase64String(p.Png))).ToList());
    }

    private static ReportBaseline Baseline(BaselineComparison baseline)
    {
        static List<string> Clean(IReadOnlyList<string> texts) => texts.Select(PrintableText.Of).ToList();
        static List<ConceptChangeRow> Concepts(IReadOnlyList<LayerConcepts> layers) =>
            layers.Where(l => l.Concepts.Count > 0).Select(l => new ConceptChangeRow(PrintableText.Of(l.Layer), Clean(l.Concepts))).ToList();

        var changed = baseline.ChangedUnits
            .Select(u => new UnitChangeRow(
                PrintableText.Of(u.Layer), u.Unit, Clean(u.NewlyBiased), Clean(u.NoLongerBiased), Clean(u.ConceptsGained), Clean(u.ConceptsLost)))
            .ToList();
        return new ReportBaseline(
            PrintableText.Of(baseline.BaselinePath),
            Clean(baseline.Mismatches),
            Concepts(baseline.ConceptsGained),
            Concepts(baseline.ConceptsLost),
            changed,
            changed.Take(MarkdownChangedUnits).ToList(),
            Math.Max(0, changed.Count - MarkdownChangedUnits));
    }
}
