namespace HndGate.Engine.Runtime;

/// <summary>What was loaded, from where, and what it can run on (reported by <c>hnd-gate doctor</c>).</summary>
public sealed record LibTorchStatus(
    string Version,
    string? LibraryPath,
    string? UserDirectory,
    CxxRuntimeCheck CxxRuntime,
    int Threads,
    bool CudaAvailable,
    int CudaDeviceCount,
    bool CudnnAvailable);
