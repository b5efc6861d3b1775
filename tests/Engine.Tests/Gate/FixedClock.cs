using System.Globalization;

namespace HndGate.Engine.Tests.Gate;

/// <summary>A clock stopped at one instant, for waiver expiry.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>A clock at <paramref name="time"/> (UTC) on the day <paramref name="day"/> (yyyy-MM-dd).</summary>
    public static FixedClock At(string day, TimeSpan time = default) =>
        new(new DateTimeOffset(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.FromTimeSpan(time)), TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
