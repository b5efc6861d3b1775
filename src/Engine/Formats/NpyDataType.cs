namespace HndGate.Engine.Formats;

/// <summary>The element types hnd-gate reads and writes in .npy files (little-endian).</summary>
public enum NpyDataType
{
    /// <summary>numpy '&lt;f4'.</summary>
    Float32,

    /// <summary>numpy '&lt;f2'.</summary>
    Float16,
}
