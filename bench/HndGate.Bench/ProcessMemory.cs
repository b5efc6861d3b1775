using System.Globalization;

namespace HndGate.Bench;

/// <summary>
/// This process's resident memory from /proc/self/status, in bytes: the kernel's peak (VmHWM), now (VmRSS),
/// and its anonymous (heaps, tensors) and file-backed (mapped libraries, the cache's spill file) parts.
/// </summary>
internal static class ProcessMemory
{
    public static long PeakResident() => Read("VmHWM:");

    public static long Resident() => Read("VmRSS:");

    public static long Anonymous() => Read("RssAnon:");

    public static long FileBacked() => Read("RssFile:");

    private static long Read(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                // "VmHWM:    123456 kB"
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/self/status has no {key} line");
    }
}
