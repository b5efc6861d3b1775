using System.Runtime.InteropServices;

namespace HndGate.Engine.Runtime;

/// <summary>
/// Reads a CUDA device's free and total memory from the CUDA driver (cuMemGetInfo), which TorchSharp does not
/// expose. The driver library comes with the NVIDIA driver on every GPU machine, whichever LibTorch is loaded.
/// The call runs inside the device's primary context, the one LibTorch itself uses, so it neither creates a
/// second context nor disturbs the calling thread's.
/// </summary>
public static class CudaDriverMemory
{
    private const int Success = 0;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuInit(uint flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDeviceGet(out int device, int ordinal);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDevicePrimaryCtxRetain(out IntPtr context, int device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDevicePrimaryCtxRelease(int device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuCtxPushCurrent(IntPtr context);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuCtxPopCurrent(out IntPtr context);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuMemGetInfo(out nuint free, out nuint total);

    /// <summary>The driver library's names, Linux first.</summary>
    public static IReadOnlyList<string> LibraryNames { get; } = ["libcuda.so.1", "libcuda.so", "nvcuda.dll"];

    /// <summary>Device <paramref name="ordinal"/>'s memory (CUDA's numbering, as in <c>cuda:N</c>), or why it cannot be read.</summary>
    public static GpuMemoryReading Read(int ordinal)
    {
        var handle = IntPtr.Zero;
        var library = LibraryNames.FirstOrDefault(name => NativeLibrary.TryLoad(name, out handle));
        if (library is null)
        {
            return GpuMemoryReading.Failed($"the CUDA driver library ({string.Join(", ", LibraryNames)}) is not installed");
        }

        try
        {
            return Read(handle, library, ordinal);
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    private static GpuMemoryReading Read(IntPtr library, string name, int ordinal)
    {
        T Function<T>(string export)
            where T : Delegate =>
            NativeLibrary.TryGetExport(library, export, out var address)
                ? Marshal.GetDelegateForFunctionPointer<T>(address)
                : throw new EntryPointNotFoundException($"{name} has no {export}: the NVIDIA driver is too old");

        try
        {
            var init = Function<CuInit>("cuInit");
            var deviceGet = Function<CuDeviceGet>("cuDeviceGet");
            var retain = Function<CuDevicePrimaryCtxRetain>("cuDevicePrimaryCtxRetain");
            var release = Function<CuDevicePrimaryCtxRelease>("cuDevicePrimaryCtxRelease_v2");
            var push = Function<CuCtxPushCurrent>("cuCtxPushCurrent_v2");
            var pop = Function<CuCtxPopCurrent>("cuCtxPopCurrent_v2");
            var memGetInfo = Function<CuMemGetInfo>("cuMemGetInfo_v2");

            Check(init(0), "cuInit", ordinal);
            Check(deviceGet(out var device, ordinal), "cuDeviceGet", ordinal);
            Check(retain(out var context, device), "cuDevicePrimaryCtxRetain", ordinal);
            try
            {
                Check(push(context), "cuCtxPushCurrent", ordinal);
                try
                {
                    Check(memGetInfo(out var free, out var total), "cuMemGetInfo", ordinal);
                    return GpuMemoryReading.Of(new GpuMemory((long)free, (long)total));
                }
                finally
                {
                    pop(out _);
                }
            }
            finally
            {
                release(device);
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or InvalidOperationException)
        {
            return GpuMemoryReading.Failed(e.Message);
        }
    }

    private static void Check(int result, string call, int ordinal)
    {
        if (result != Success)
        {
            throw new InvalidOperationException($"the CUDA driver's {call} failed for cuda:{ordinal} (CUresult {result})");
        }
    }
}
