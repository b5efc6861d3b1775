namespace HndGate.Engine.Runtime;

/// <summary>What asking the CUDA driver for a device's memory gave: the figures, or why there are none.</summary>
public sealed record GpuMemoryReading(GpuMemory? Memory, string? Problem)
{
    public static GpuMemoryReading Of(GpuMemory memory) => new(memory, null);

    public static GpuMemoryReading Failed(string problem) => new(null, problem);
}
