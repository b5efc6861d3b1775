using HndGate.Engine.Dissection;

namespace HndGate.Engine.Gate;

/// <summary>
/// The method's settings a policy fixes for the dissection it gates: q (R2), τ_iou (R4) and θ per family (R6).
/// Null or absent: the policy leaves the setting to the command line and the spec's default.
/// </summary>
/// <param name="FamilyThresholds">θ_G by family name, in policy order; the dissection checks the names against the dictionary.</param>
public sealed record PolicyStages(double? Quantile, double? IouThreshold, IReadOnlyList<KeyValuePair<string, double>> FamilyThresholds)
{
    /// <summary>A policy that sets no stage.</summary>
    public static readonly PolicyStages None = new(null, null, []);

    /// <summary>
    /// <paramref name="options"/> with the policy's settings, except those the command line gave explicitly:
    /// <paramref name="quantileGiven"/> and <paramref name="iouThresholdGiven"/> keep the options' values, and
    /// every θ in <see cref="DissectOptions.FamilyThresholds"/> (which holds only --theta values) wins over the policy's.
    /// </summary>
    public DissectOptions ApplyTo(DissectOptions options, bool quantileGiven, bool iouThresholdGiven)
    {
        var thetas = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (family, theta) in FamilyThresholds.Concat(options.FamilyThresholds))
        {
            thetas[family] = theta;
        }

        return options with
        {
            Quantile = quantileGiven || Quantile is null ? options.Quantile : Quantile.Value,
            IouThreshold = iouThresholdGiven || IouThreshold is null ? options.IouThreshold : IouThreshold.Value,
            FamilyThresholds = thetas,
        };
    }
}
