namespace HndGate.Engine.Runtime;

/// <summary>A CUDA device's memory as its driver reports it: bytes free now and in all.</summary>
public sealed record GpuMemory(long FreeBytes, long TotalBytes);
