using HndGate.Engine.Imaging;
using HndGate.Engine.Reports;
using HndGate.Engine.Reports.Pictures;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Gate;

/// <summary>
/// Evaluates a results file against a policy and a baseline and writes the reports: the second half of
/// <c>check</c>, and all of <c>report</c>. Every input is read and checked before anything is written.
/// </summary>
public sealed class ReportJob(ImageFileDecoder decoder, JsonSchemaValidator validator, TimeProvider clock)
{
    public GateReport Run(ReportOptions options, CancellationToken cancel = default)
    {
        options.Validate();
        var policy = options.PolicyPath is null ? null : PolicyReader.Read(options.PolicyPath, validator);
        var baseline = options.BaselinePath is null ? null : ResultsReader.Read(options.BaselinePath, validator);
        return Run(options, ResultsReader.Read(options.ResultsPath, validator), policy, baseline, cancel);
    }

    /// <summary>The same from inputs already read: <c>check</c> reads its policy and baseline before dissecting.</summary>
    internal GateReport Run(ReportOptions options, RecordedResults results, Policy? policy, RecordedResults? baseline, CancellationToken cancel)
    {
        var comparison = baseline is null ? null : BaselineComparer.Compare(results, baseline, options.BaselinePath!, options.AllowMismatch);

        // The baseline's values come from the comparison, so mismatched inputs are refused before any rule is evaluated.
        var verdict = policy is null ? null : GateEvaluator.Evaluate(results, policy, comparison, clock);
        cancel.ThrowIfCancellationRequested();
        var pictures = options.Pictures is { UnitsPerLayer: > 0 } source ? Pictures(source, results) : null;
        cancel.ThrowIfCancellationRequested();

        var report = ReportBuilder.Build(results, verdict, comparison, pictures);
        var writer = new ReportWriter(options.TemplateDirectory);
        var annotations = writer.Annotations(report);
        var rendered = writer.Render(report);

        // The step summary before the reports: its folder is the user's and may be missing, and a run that fails
        // there must not leave reports behind (check would leave them without their results file).
        if (options.StepSummaryPath is { } summary)
        {
            StepSummary.Append(summary, rendered.Markdown);
        }

        ReportWriter.Write(rendered, options.OutputDirectory);
        List<string> written =
        [
            Path.Combine(options.OutputDirectory, ReportWriter.MarkdownFile),
            Path.Combine(options.OutputDirectory, ReportWriter.HtmlFile),
            Path.Combine(options.OutputDirectory, ReportWriter.JUnitFile),
            .. options.StepSummaryPath is null ? [] : new[] { options.StepSummaryPath },
        ];

        return new GateReport(results, verdict, comparison, report, annotations, written);
    }

    private IReadOnlyList<UnitPicture> Pictures(PictureSource source, RecordedResults results)
    {
        var options = new UnitPictureOptions
        {
            DictionaryPath = source.DictionaryPath,
            Results = results,
            ModelCard = source.ModelCard,
            ActivationsDirectory = source.ActivationsDirectory,
            ActivationsLayerName = source.ActivationsLayerName,
            UnitsPerLayer = source.UnitsPerLayer,
            ImagesPerUnit = source.ImagesPerUnit,
            Device = source.Device,
            BatchSize = source.BatchSize,
            Threads = source.Threads,
        };
        options.Validate();
        return new UnitPictures(decoder, validator).Make(options);
    }
}
