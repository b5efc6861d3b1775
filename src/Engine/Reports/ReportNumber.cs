using System.Globalization;

namespace HndGate.Engine.Reports;

/// <summary>How the reports write numbers: culture-invariant, short, the same bytes for the same value (R9).</summary>
internal static class ReportNumber
{
    /// <summary>Up to 6 decimals (results keep 6 significant digits, R9), no trailing zeros: 0.125, 3, 0.041667.</summary>
    public static string Plain(double value) =>
        (value == 0 ? 0 : value).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>With its sign: +0.02, -0.01, 0.</summary>
    public static string Signed(double value) =>
        value > 0 ? "+" + Plain(value) : Plain(value);

    /// <summary>A fraction as a percentage with one decimal: 0.125 → 12.5.</summary>
    public static string PercentValue(double fraction) =>
        (fraction * 100 == 0 ? 0 : fraction * 100).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with its sign: 0.125 → 12.5%.</summary>
    public static string Percent(double fraction) => PercentValue(fraction) + "%";

    /// <summary>A bar of <paramref name="length"/> cells for <paramref name="value"/> out of <paramref name="full"/>, rounded, at least one cell for a non-zero value.</summary>
    public static int Bar(double value, double full, int length)
    {
        if (!(value > 0) || !(full > 0))
        {
            return 0;
        }

        return Math.Clamp((int)Math.Round(value / full * length, MidpointRounding.AwayFromZero), 1, length);
    }
}
