using System.Diagnostics;
using System.Globalization;

namespace HndGate.Bench;

/// <summary>
/// CPU time of this process and of everything else on the machine since <see cref="Start"/>, from
/// /proc/stat: the other helpers' builds on this shared 2-core machine show up as "others" and tell how far
/// a wall-clock figure was disturbed.
/// </summary>
internal sealed class CpuUsage
{
    // USER_HZ: /proc/stat counts in 1/100 s on Linux.
    private const double TicksPerSecond = 100;

    private readonly double _busy;
    private readonly TimeSpan _own;

    private CpuUsage(double busy, TimeSpan own)
    {
        _busy = busy;
        _own = own;
    }

    public static CpuUsage Start() => new(BusySeconds(), Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>This process's CPU seconds since the start.</summary>
    public double Own => (Process.GetCurrentProcess().TotalProcessorTime - _own).TotalSeconds;

    /// <summary>CPU seconds every other process used since the start.</summary>
    public double Others => Math.Max(0, BusySeconds() - _busy - Own);

    private static double BusySeconds()
    {
        // cpu  user nice system idle iowait irq softirq steal ...: all but idle and iowait are busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum() - fields[3] - fields[4]) / TicksPerSecond;
    }
}
