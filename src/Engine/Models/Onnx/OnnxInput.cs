using System.Globalization;

namespace HndGate.Engine.Models.Onnx;

/// <summary>
/// A graph input as the ONNX file declares it: name, element type (TensorProto.DataType) and shape, where a
/// null size is a dynamic axis named by <see cref="DimensionNames"/> (empty when unnamed).
/// <see cref="Shape"/> is null when the file declares no shape.
/// </summary>
public sealed record OnnxInput(string Name, int ElementType, IReadOnlyList<long?>? Shape, IReadOnlyList<string> DimensionNames)
{
    /// <summary>TensorProto.DataType.FLOAT.</summary>
    public const int Float32 = 1;

    /// <summary>The shape as a user reads it: <c>[batch, 3, 112, 112]</c>, <c>?</c> for an unnamed dynamic axis.</summary>
    public string ShapeText => Shape is null
        ? "(no shape)"
        : "[" + string.Join(", ", Shape.Select((s, i) => s?.ToString(CultureInfo.InvariantCulture) ?? (DimensionNames[i].Length > 0 ? DimensionNames[i] : "?"))) + "]";

    /// <summary>The element type by its ONNX name.</summary>
    public string ElementTypeName => ElementType switch
    {
        1 => "float32",
        2 => "uint8",
        3 => "int8",
        6 => "int32",
        7 => "int64",
        10 => "float16",
        11 => "float64",
        16 => "bfloat16",
        _ => $"element type {ElementType}",
    };
}
