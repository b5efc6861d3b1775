using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models.Weights;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Gate;

/// <summary>
/// <c>hnd-gate check</c>, the main job: read the policy and the baseline (so that a mistake in either stops
/// the run before the expensive part), dissect with the policy's stage thresholds and bootstrap, write the
/// results JSON, then gate and report on the results as written, so that <c>hnd-gate report</c> on that file
/// concludes the same.
/// </summary>
public sealed class CheckJob(ImageFileDecoder decoder, JsonSchemaValidator validator, TimeProvider clock)
{
    public GateReport Run(
        CheckOptions options,
        IProgress<DissectionProgress>? progress = null,
        CancellationToken cancel = default,
        Action<WeightLoadReport>? weightsLoaded = null,
        Action<ActivationCacheUse>? cacheTaken = null)
    {
        options.Validate();
        var policy = PolicyReader.Read(options.Report.PolicyPath!, validator);
        var baseline = options.Report.BaselinePath is { } path ? ResultsReader.Read(path, validator) : null;

        var dissect = policy.Stages.ApplyTo(options.Dissect, options.QuantileGiven, options.IouThresholdGiven) with
        {
            Bootstrap = options.Bootstrap ?? policy.Bootstrap?.Replicates ?? 0,
            Seed = options.Seed ?? policy.Bootstrap?.Seed ?? 1,
        };
        if (dissect.Bootstrap == 0)
        {
            if (options.Seed is not null)
            {
                throw new HndGateInputException("--seed is for the bootstrap: give --bootstrap B as well (e.g. --bootstrap 200), or set \"bootstrap\" in the policy");
            }

            GateEvaluator.RefuseIntervalRules(policy);
        }

        dissect.Validate();

        // A misspelt metric or layer stops the run before the passes, not after them.
        var results = new Dissector(decoder, validator).Run(
            dissect,
            progress,
            cancel,
            weightsLoaded,
            plan => GateEvaluator.CheckNames(policy, [.. plan.Layers.Select(l => l.Name)], LayerMetrics.Keys(plan.Concepts)),
            cacheTaken);

        // The results file takes its name only once the reports are written: a stopped run leaves neither.
        var pending = dissect.OutputPath + ".pending";
        var folder = Path.GetDirectoryName(Path.GetFullPath(pending))!;
        var madeFolder = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        try
        {
            ResultsWriter.Write(results, pending);

            // Gate on the file as written (rounded to 6 significant digits, R9), as 'report' would read it.
            var recorded = ResultsReader.Read(pending, validator);
            var report = new ReportJob(decoder, validator, clock).Run(options.Report, recorded, policy, baseline, cancel);
            File.Move(pending, dissect.OutputPath, overwrite: true);
            return report with { Written = [dissect.OutputPath, .. report.Written] };
        }
        finally
        {
            if (File.Exists(pending))
            {
                File.Delete(pending);
            }

            // A check that fails at the gate (a metric or layer the results lack, a refused baseline) leaves no empty folder either.
            if (madeFolder && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }
}
