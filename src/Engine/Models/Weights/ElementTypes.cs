using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>The element types weight files may hold, with their sizes in bytes.</summary>
internal static class ElementTypes
{
    public static int Size(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an element type of weight files"),
    };

    /// <summary>A 1-D tensor holding a copy of <paramref name="bytes"/> (little-endian) as elements of <paramref name="type"/>.</summary>
    public static Tensor FromBytes(byte[] bytes, ScalarType type)
    {
        var tensor = empty(bytes.Length / Size(type), dtype: type);
        tensor.bytes = bytes;
        return tensor;
    }
}
