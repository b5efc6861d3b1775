using System.Globalization;

namespace HndGate.Tool;

/// <summary>The rate of a stage so far (items per second) and the time left at that rate, as both progress views print them.</summary>
internal static class ProgressRate
{
    // A rate near zero would give a span past TimeSpan's range; past 100 hours the estimate says nothing anyway.
    private const double MaxSeconds = 100 * 3600;

    public static double Of(long done, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;

    /// <summary>The time left at <paramref name="rate"/>: <c>m:ss</c>, <c>h:mm:ss</c> past an hour, <c>--:--</c> before a rate is known.</summary>
    public static string Left(long done, long total, double rate)
    {
        if (rate <= 0)
        {
            return "--:--";
        }

        var seconds = Math.Ceiling(Math.Max(0, total - done) / rate);
        if (seconds >= MaxSeconds)
        {
            return ">99:59:59";
        }

        var left = TimeSpan.FromSeconds(seconds);
        return left.TotalHours >= 1
            ? left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : left.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
