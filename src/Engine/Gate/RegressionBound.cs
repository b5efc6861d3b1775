using System.Globalization;

namespace HndGate.Engine.Gate;

/// <summary>
/// How far a metric may move from the baseline's value in one direction (a rule's <c>max_increase</c> or
/// <c>max_decrease</c>): an absolute amount in the metric's own unit, or a fraction of the baseline's value.
/// </summary>
/// <param name="Amount">x ≥ 0: the amount, or the fraction (0.1 = 10%) when <paramref name="Relative"/>.</param>
public sealed record RegressionBound(double Amount, bool Relative)
{
    /// <summary>The change allowed from <paramref name="baseline"/>: a relative bound of a baseline of 0 allows none.</summary>
    public double AllowedChange(double baseline) => Relative ? Amount * Math.Abs(baseline) : Amount;

    /// <summary>The amount in words: "0.02", or "10%" when relative.</summary>
    public string Describe() =>
        Relative
            ? (Amount * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%"
            : GateNumber.Format(Amount);
}
