namespace HndGate.Engine.Reports;

/// <summary>
/// Everything the report templates (src/Templates/report) lay out, as plain data: numbers already formatted
/// (culture-invariant), bars already measured, lists already sorted and cut. <see cref="ReportBuilder"/> makes it
/// from a results file, and the gate's verdict, baseline comparison and unit pictures when there are any.
/// </summary>
/// <param name="Rules">Every rule outcome, failed first, then warnings, waived, not evaluated and passed, each in policy order.</param>
/// <param name="Layers">Every dissected layer, in results order.</param>
/// <param name="SeveralLayers">More than one layer: the reports add the coverage across layers (the paper's Figs. 12–13).</param>
/// <param name="Baseline">The comparison with a baseline result, when one was given.</param>
/// <param name="Detail">What the Markdown shows; <see cref="ReportWriter"/> cuts it down to fit 60 KB.</param>
public sealed record ReportModel(
    ReportHeader Header,
    IReadOnlyList<RuleRow> Rules,
    IReadOnlyList<LayerReport> Layers,
    bool SeveralLayers,
    ReportBaseline? Baseline,
    ReportDetail Detail);
