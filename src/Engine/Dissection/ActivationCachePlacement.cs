using HndGate.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// Where a run keeps its activation cache and how many bytes of it stay there before the rest spills to a
/// memory-mapped file (<c>--memory-budget</c>). A CUDA run keeps it on its GPU, so that the tally reads it
/// without a copy per batch: by default half of the memory free on that GPU once the model is loaded, the
/// other half left to the forward passes. A CPU run keeps it in RAM: by default half of the memory available.
/// </summary>
/// <param name="Device">The device the cached rows live on.</param>
/// <param name="BudgetBytes">Bytes kept on <paramref name="Device"/>, all layers together.</param>
/// <param name="Reason">How the budget was chosen, in words for a log line.</param>
public sealed record ActivationCachePlacement(Device Device, long BudgetBytes, string Reason)
{
    /// <param name="runDevice">The device the model runs on.</param>
    /// <param name="requested">--memory-budget, if given: bytes on the run's device.</param>
    /// <param name="readGpu">Reads a CUDA device's memory by ordinal (<see cref="CudaDriverMemory.Read"/>); asked only when needed.</param>
    /// <param name="meminfoPath">Where the host's MemAvailable is read.</param>
    public static ActivationCachePlacement Choose(Device runDevice, long? requested, Func<int, GpuMemoryReading> readGpu, string meminfoPath = "/proc/meminfo")
    {
        if (runDevice.type != DeviceType.CUDA)
        {
            return requested is { } bytes
                ? new(CPU, bytes, "--memory-budget")
                : new(CPU, MemoryBudget.Default(meminfoPath), "half of the available RAM");
        }

        var name = Name(runDevice);
        if (requested is { } onGpu)
        {
            return new(runDevice, onGpu, $"--memory-budget, on {name}");
        }

        var reading = readGpu(Math.Max(0, runDevice.index));
        return reading.Memory is { } memory
            ? new(runDevice, memory.FreeBytes / 2, $"half of the {MemoryBudget.Format(memory.FreeBytes)} free on {name}")
            : new(CPU, MemoryBudget.Default(meminfoPath), $"half of the available RAM: {name}'s free memory could not be read ({reading.Problem}); pass --memory-budget to keep it on the GPU");
    }

    /// <summary>Where the cached rows live, in words: "in RAM", "on cuda:0".</summary>
    public string Where => Device.type == DeviceType.CUDA ? $"on {Name(Device)}" : "in RAM";

    private static string Name(Device device) => device.index < 0 ? "cuda" : $"cuda:{device.index}";
}
