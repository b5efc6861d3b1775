namespace HndGate.Tool.Tests;

/// <summary>A clock that moves only when told, so that rates and redraw intervals are exact in tests.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
