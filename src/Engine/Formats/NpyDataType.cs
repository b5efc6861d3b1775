namespace HndGate.Engine.Formats;

/// <summary>
/// The element types hnd-gate reads and writes in .npy files (little-endian): floats for activations,
/// int64 for the exact counts of a sharded tally (docs/sharding.md).
/// </summary>
public enum NpyDataType
{
    /// <summary>numpy '&lt;f4'.</summary>
    Float32,

    /// <summary>numpy '&lt;f2'.</summary>
    Float16,

    /// <summary>numpy '&lt;i8'.</summary>
    Int64,
}
