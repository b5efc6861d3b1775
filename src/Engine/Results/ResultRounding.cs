using System.Globalization;

namespace HndGate.Engine.Results;

/// <summary>
/// R9: every non-integer number of a results file is rounded to 6 significant digits, correctly rounded
/// from the double's exact value (an exact tie goes to the even digit, as IEEE 754 rounds), and then
/// written as the shortest text that reads back as the rounded double, so 0.1 stays "0.1".
/// </summary>
public static class ResultRounding
{
    public const int SignificantDigits = 6;

    /// <summary>
    /// <paramref name="value"/> rounded to <see cref="SignificantDigits"/> significant digits; zero of either
    /// sign becomes +0, so "-0" is never written. NaN and infinities have no JSON form: they throw.
    /// </summary>
    public static double Round(double value, string jsonPointer)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"the results hold {value.ToString(CultureInfo.InvariantCulture)} at {jsonPointer}; JSON has no form for it (are the model's activations finite?)",
                nameof(value));
        }

        // .NET formats the exact binary value, so "G6" rounds correctly and the same on every machine.
        var rounded = double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return rounded == 0 ? 0.0 : rounded;
    }
}
