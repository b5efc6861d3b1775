using System.Globalization;

namespace HndGate.Engine.Gate;

/// <summary>
/// The values a metric can take (docs/policy.md, "What is measured"; R8): a fraction of the layer's units,
/// from 0 to 1, or a count of units, 0 or more. A bound outside them is one no value can meet or none can
/// break, which the policy reader refuses, naming what the user probably meant.
/// </summary>
internal sealed record MetricScale(string Metric, bool Fraction)
{
    // The metrics docs/policy.md and docs/results.md define as fractions of the layer's units; the others count units.
    private static readonly string[] FractionNames = ["coverage_hnd", "coverage_netdissect", "biased_ratio"];

    public static MetricScale Of(string metric)
    {
        var open = metric.IndexOf('[', StringComparison.Ordinal);
        var name = open < 0 ? metric : metric[..open];
        return new MetricScale(metric, FractionNames.Contains(name, StringComparer.Ordinal));
    }

    /// <summary>The metric's kind and range in words, e.g. "biased_ratio[age] is a fraction of units, between 0 and 1".</summary>
    public string Describe() => Fraction
        ? $"{Metric} is a fraction of units, between 0 and 1"
        : $"{Metric} is a count of units, 0 or more";

    /// <summary>
    /// What a user who wrote <paramref name="value"/> for a bound of this metric probably meant: a fraction
    /// written as a percentage (10 for 0.1), or a bound written with a sign it cannot have.
    /// </summary>
    public string Suggest(double value)
    {
        var size = Math.Abs(value);
        return Fraction && size > 1
            ? size <= 100 ? $"did you mean {GateNumber.Format(size / 100)}?" : "write a fraction, e.g. 0.1 for 10%"
            : $"did you mean {GateNumber.Format(size)}?";
    }

    /// <summary>A relative change written as a percentage (10 for 0.1 = 10%), in words.</summary>
    public static string SuggestRelative(double value) =>
        value <= 100
            ? $"did you mean {GateNumber.Format(value / 100)} ({value.ToString("0.####", CultureInfo.InvariantCulture)}%)?"
            : "write a fraction of the baseline's value, e.g. 0.1 for 10%";
}
