using System.Runtime.InteropServices;
using HndGate.Engine.Runtime;

namespace HndGate.Engine.Tests.Runtime;

public sealed class CudaDriverMemoryTests
{
    [Fact]
    public void Read_GivesFiguresOrAProblem_NeverThrows()
    {
        var reading = CudaDriverMemory.Read(0);

        var hasDriver = CudaDriverMemory.LibraryNames.Any(name => NativeLibrary.TryLoad(name, out var handle) && Release(handle));
        if (hasDriver && reading.Memory is { } memory)
        {
            Assert.InRange(memory.FreeBytes, 1, memory.TotalBytes);
            Assert.Null(reading.Problem);
        }
        else
        {
            // Without a driver (or without a GPU behind it) there are no figures, and the problem says which.
            Assert.Null(reading.Memory);
            Assert.Contains(hasDriver ? "cuda:0" : "libcuda.so.1", reading.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_NamesTheDevice_WhenTheOrdinalIsBeyondTheDevices()
    {
        var reading = CudaDriverMemory.Read(4096);

        Assert.Null(reading.Memory);
        Assert.Matches("cuda:4096|not installed", reading.Problem);
    }

    private static bool Release(IntPtr handle)
    {
        NativeLibrary.Free(handle);
        return true;
    }
}
