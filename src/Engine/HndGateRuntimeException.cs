namespace HndGate.Engine;

/// <summary>
/// The environment cannot run the work (LibTorch does not load, a device is missing).
/// The message says what to do about it. Maps to exit code 3.
/// </summary>
public sealed class HndGateRuntimeException(string message, Exception? inner = null) : Exception(message, inner);
