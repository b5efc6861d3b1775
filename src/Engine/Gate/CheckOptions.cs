using HndGate.Engine.Dissection;

namespace HndGate.Engine.Gate;

/// <summary>
/// The options of <c>hnd-gate check</c>, validated once: a dissection (whose results JSON goes into the
/// report folder), the policy it is gated with, and the reports. Stage thresholds and the bootstrap come from
/// the policy unless given here.
/// </summary>
public sealed record CheckOptions
{
    public const string ResultsFile = "results.json";

    /// <summary>The dissection; its <see cref="DissectOptions.OutputPath"/> is the results JSON in <see cref="ReportOptions.OutputDirectory"/>.</summary>
    public required DissectOptions Dissect { get; init; }

    /// <summary>The reporting half; its <see cref="ReportOptions.ResultsPath"/> is the dissection's output.</summary>
    public required ReportOptions Report { get; init; }

    /// <summary>B from the command line; null: the policy's "bootstrap", else none.</summary>
    public int? Bootstrap { get; init; }

    /// <summary>The seed from the command line; null: the policy's, else 1.</summary>
    public long? Seed { get; init; }

    /// <summary>Whether q and τ_iou were given on the command line (they then win over the policy's "stages").</summary>
    public bool QuantileGiven { get; init; }

    public bool IouThresholdGiven { get; init; }

    /// <summary>Throws <see cref="HndGateInputException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if (Report.PolicyPath is null)
        {
            throw new HndGateInputException("check needs --policy policy.json: the rules to gate with ('hnd-gate init' writes a starter policy; docs/policy.md)");
        }

        if (Dissect.Shard is not null)
        {
            throw new HndGateInputException("check runs a whole dissection: for a sharded one, run 'dissect --shard' and 'merge', then 'hnd-gate report --results' (docs/sharding.md)");
        }

        if (Path.GetFullPath(Dissect.OutputPath) != Path.GetFullPath(Report.ResultsPath))
        {
            throw new ArgumentException("the report must read the results the dissection writes", nameof(Report));
        }

        Dissect.Validate();
        Report.Validate();
    }
}
