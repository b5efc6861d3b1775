using System.Globalization;

namespace HndGate.Engine.Gate;

/// <summary>How the gate writes and compares metric values.</summary>
internal static class GateNumber
{
    /// <summary>
    /// Slack allowed when a value meets its bound exactly: results carry 6 significant digits (R9), while
    /// a difference of two of them may carry a floating-point error in the 16th (0.3 − 0.1 > 0.2).
    /// </summary>
    private const double Slack = 1e-9;

    /// <summary>Culture-invariant, at most the 6 significant digits results carry (R9).</summary>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="value"/> is above <paramref name="limit"/> by more than rounding.</summary>
    public static bool Above(double value, double limit) => value > limit + (Slack * Math.Max(1, Math.Abs(limit)));

    /// <summary>True when <paramref name="value"/> is below <paramref name="limit"/> by more than rounding.</summary>
    public static bool Below(double value, double limit) => value < limit - (Slack * Math.Max(1, Math.Abs(limit)));
}
