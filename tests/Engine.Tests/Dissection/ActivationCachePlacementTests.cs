using HndGate.Engine.Dissection;
using HndGate.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

public sealed class ActivationCachePlacementTests : IDisposable
{
    private const long AvailableKib = 2_000_000;

    private readonly TemporaryDirectory _dir = new();
    private readonly string _meminfo;
    private readonly List<int> _gpuReads = [];

    public ActivationCachePlacementTests()
    {
        _meminfo = _dir.Combine("meminfo");
        File.WriteAllText(_meminfo, $"MemTotal:       24000000 kB\nMemAvailable:   {AvailableKib} kB\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Choose_KeepsACpuRunsCacheInRam_HalfOfTheAvailableMemory_WithoutAskingAGpu()
    {
        var placement = ActivationCachePlacement.Choose(CPU, null, Gpu(10L << 30), _meminfo);

        Assert.Equal(DeviceType.CPU, placement.Device.type);
        Assert.Equal(AvailableKib * 1024 / 2, placement.BudgetBytes);
        Assert.Equal("in RAM", placement.Where);
        Assert.Empty(_gpuReads);
    }

    [Fact]
    public void Choose_TakesTheRequestedBudget_OnACpuRun()
    {
        var placement = ActivationCachePlacement.Choose(CPU, 12345, Gpu(10L << 30), _meminfo);

        Assert.Equal((DeviceType.CPU, 12345L, "--memory-budget"), (placement.Device.type, placement.BudgetBytes, placement.Reason));
    }

    [Fact]
    public void Choose_KeepsACudaRunsCacheOnItsGpu_HalfOfThatGpusFreeMemory()
    {
        var placement = ActivationCachePlacement.Choose(new Device(DeviceType.CUDA, 1), null, Gpu(10L << 30), _meminfo);

        Assert.Equal((DeviceType.CUDA, 1), (placement.Device.type, placement.Device.index));
        Assert.Equal(5L << 30, placement.BudgetBytes);
        Assert.Equal([1], _gpuReads);
        Assert.Equal("on cuda:1", placement.Where);
        Assert.Equal("half of the 10.0 GiB free on cuda:1", placement.Reason);
    }

    [Fact]
    public void Choose_ReadsDeviceZero_ForPlainCuda()
    {
        var placement = ActivationCachePlacement.Choose(new Device(DeviceType.CUDA, -1), null, Gpu(3L << 20), _meminfo);

        Assert.Equal([0], _gpuReads);
        Assert.Equal(3L << 19, placement.BudgetBytes);
    }

    [Fact]
    public void Choose_TakesTheRequestedBudgetOnTheGpu_WithoutReadingIt()
    {
        var placement = ActivationCachePlacement.Choose(new Device(DeviceType.CUDA, 0), 1L << 30, Gpu(10L << 30), _meminfo);

        Assert.Equal((DeviceType.CUDA, 1L << 30), (placement.Device.type, placement.BudgetBytes));
        Assert.Empty(_gpuReads);
    }

    [Fact]
    public void Choose_FallsBackToRam_AndSaysWhy_WhenTheGpusMemoryCannotBeRead()
    {
        var placement = ActivationCachePlacement.Choose(
            new Device(DeviceType.CUDA, 0), null, _ => GpuMemoryReading.Failed("the CUDA driver library is not installed"), _meminfo);

        Assert.Equal(DeviceType.CPU, placement.Device.type);
        Assert.Equal(AvailableKib * 1024 / 2, placement.BudgetBytes);
        Assert.Contains("cuda:0's free memory could not be read (the CUDA driver library is not installed)", placement.Reason, StringComparison.Ordinal);
        Assert.Contains("--memory-budget", placement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_SaysWhatIsKeptWhereAndWhatSpills()
    {
        var onGpu = new ActivationCachePlacement(new Device(DeviceType.CUDA, 0), 5L << 30, "half of the 10.0 GiB free on cuda:0");

        Assert.Equal(
            "activation cache: 1.5 GiB on cuda:0 (budget 5.0 GiB: half of the 10.0 GiB free on cuda:0)",
            new ActivationCacheUse(onGpu, 3L << 29, 0, "/tmp").Description);
        Assert.Equal(
            "activation cache: 5.0 GiB on cuda:0, 512.0 MiB in a memory-mapped file in /tmp (budget 5.0 GiB: half of the 10.0 GiB free on cuda:0)",
            new ActivationCacheUse(onGpu, 5L << 30, 1L << 29, "/tmp").Description);
    }

    private Func<int, GpuMemoryReading> Gpu(long free) => ordinal =>
    {
        _gpuReads.Add(ordinal);
        return GpuMemoryReading.Of(new GpuMemory(free, 2 * free));
    };
}
