using System.Text;

namespace HndGate.Engine.Models.Onnx;

/// <summary>
/// What hnd-gate reads from an ONNX model (onnx.proto: ModelProto.graph): the graph's inputs, its outputs
/// and the values its nodes compute, which are the names a user can dissect; and the one edit it makes,
/// adding values to the graph outputs so that ONNX Runtime returns them.
/// </summary>
public sealed class OnnxGraph
{
    // Field numbers of onnx.proto.
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int NodeOutput = 2;
    private const int TensorName = 8;
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeElement = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDimension = 1;
    private const int DimensionValue = 1;
    private const int DimensionParam = 2;

    private readonly byte[] _model;

    private OnnxGraph(string file, byte[] model, IReadOnlyList<OnnxInput> inputs, IReadOnlyList<string> outputs, IReadOnlyList<string> values)
    {
        File = file;
        _model = model;
        Inputs = inputs;
        Outputs = outputs;
        Values = values;
    }

    /// <summary>The model file.</summary>
    public string File { get; }

    /// <summary>The inputs a caller feeds: the graph inputs that are not initializers.</summary>
    public IReadOnlyList<OnnxInput> Inputs { get; }

    /// <summary>The graph outputs' names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Every value a node of the main graph computes, in node order: the names that can be dissected.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Reads the graph of the ONNX model <paramref name="path"/>; a file that is not one throws naming it.</summary>
    public static OnnxGraph Read(string path)
    {
        byte[] model;
        try
        {
            model = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HndGateInputException($"cannot read the ONNX model: {e.Message}", path, inner: e);
        }

        try
        {
            return Parse(path, model);
        }
        catch (InvalidDataException e)
        {
            throw new HndGateInputException(
                $"not a readable ONNX model ({e.Message}): the file may be truncated or in another format; export it again with torch.onnx.export",
                path,
                inner: e);
        }
    }

    /// <summary>
    /// The model with <paramref name="names"/> added to the graph outputs. Protobuf merges a repeated
    /// occurrence of a message field into the first, so appending a second <c>graph</c> field holding only
    /// the new outputs extends the graph's output list without rewriting the file.
    /// </summary>
    public byte[] WithOutputs(IEnumerable<string> names)
    {
        var outputs = new List<byte>();
        foreach (var name in names.Where(n => !Outputs.Contains(n, StringComparer.Ordinal)))
        {
            // A ValueInfoProto with a name only: ONNX Runtime infers the type.
            outputs.AddRange(ProtobufMessage.LengthDelimited(GraphOutput, ProtobufMessage.LengthDelimited(ValueInfoName, Encoding.UTF8.GetBytes(name))));
        }

        return outputs.Count == 0 ? _model : [.. _model, .. ProtobufMessage.LengthDelimited(ModelGraph, outputs.ToArray())];
    }

    /// <summary>
    /// The one input that takes the images; it must be float32 N × 3 × H × W. Throws, naming the file,
    /// when the graph cannot be fed an image batch.
    /// </summary>
    public OnnxInput ImageInput()
    {
        if (Inputs.Count != 1)
        {
            throw new HndGateInputException(
                Inputs.Count == 0
                    ? "the ONNX graph has no input"
                    : $"the ONNX graph has {Inputs.Count} inputs ({string.Join(", ", Inputs.Select(i => i.Name))}): hnd-gate feeds an image batch to a model with one input; export the model with the image as its only input",
                File);
        }

        var input = Inputs[0];
        if (input.ElementType != OnnxInput.Float32)
        {
            throw new HndGateInputException(
                $"the ONNX input '{input.Name}' is {input.ElementTypeName}: hnd-gate feeds float32 images; export the model with a float32 input",
                File);
        }

        if (input.Shape is not { Count: 4 } shape || shape[1] is not (null or 3))
        {
            throw new HndGateInputException(
                $"the ONNX input '{input.Name}' has shape {input.ShapeText}: hnd-gate feeds images as N × 3 × S × S (NCHW)",
                File);
        }

        return input;
    }

    /// <summary>
    /// R1.2's S for this model: the card's <paramref name="cardSize"/> where given, which must match a fixed
    /// input height and width; otherwise the model's fixed square size. Dynamic height or width without a
    /// card size throws at <paramref name="card"/>.
    /// </summary>
    public int ImageSize(int? cardSize, InputLocation card)
    {
        var input = ImageInput();
        var (height, width) = (input.Shape![2], input.Shape[3]);
        if (cardSize is { } size)
        {
            if ((height ?? size) != size || (width ?? size) != size)
            {
                throw card.Error(
                    $"input.size is {size} but the ONNX model '{Path.GetFileName(File)}' takes images of shape {input.ShapeText}: set input.size to the model's size (or leave it out)");
            }

            return size;
        }

        if (height is null || width is null)
        {
            throw card.Error(
                $"the ONNX model '{Path.GetFileName(File)}' takes images of shape {input.ShapeText}, with a dynamic height or width: set input.size to the size the model was trained on");
        }

        if (height != width)
        {
            throw card.Error(
                $"the ONNX model '{Path.GetFileName(File)}' takes {height} × {width} images, but hnd-gate feeds square S × S images: export the model with a square or dynamic input size");
        }

        return (int)height.Value;
    }

    private static OnnxGraph Parse(string file, byte[] model)
    {
        var graphs = ProtobufMessage.Fields(model)
            .Where(f => f.Number == ModelGraph && f.WireType == ProtobufWireType.LengthDelimited)
            .ToList();
        if (graphs.Count == 0)
        {
            throw new InvalidDataException("it has no graph");
        }

        var initializers = new HashSet<string>(StringComparer.Ordinal);
        var declaredInputs = new List<ProtobufField>();
        var outputs = new List<string>();
        var values = new List<string>();
        foreach (var field in graphs.SelectMany(g => ProtobufMessage.Fields(g.Bytes)))
        {
            switch (field.Number)
            {
                case GraphNode:
                    values.AddRange(Strings(ProtobufMessage.Fields(field.Bytes), NodeOutput).Where(v => v.Length > 0));
                    break;
                case GraphInitializer:
                    initializers.UnionWith(Strings(ProtobufMessage.Fields(field.Bytes), TensorName));
                    break;
                case GraphInput:
                    declaredInputs.Add(field);
                    break;
                case GraphOutput:
                    outputs.AddRange(Strings(ProtobufMessage.Fields(field.Bytes), ValueInfoName));
                    break;
            }
        }

        var inputs = declaredInputs.Select(f => Input(f.Bytes)).Where(i => !initializers.Contains(i.Name)).ToList();
        return new OnnxGraph(file, model, inputs, outputs, values.Distinct(StringComparer.Ordinal).ToList());
    }

    private static OnnxInput Input(ReadOnlyMemory<byte> valueInfo)
    {
        var fields = ProtobufMessage.Fields(valueInfo);
        var name = Strings(fields, ValueInfoName).LastOrDefault() ?? "";
        var elementType = 0;
        List<long?>? shape = null;
        var names = new List<string>();
        foreach (var type in Messages(fields, ValueInfoType))
        {
            foreach (var tensor in Messages(type, TypeTensor))
            {
                foreach (var element in tensor.Where(f => f.Number == TensorTypeElement && f.WireType == ProtobufWireType.Varint))
                {
                    elementType = (int)element.Varint;
                }

                foreach (var dimensions in Messages(tensor, TensorTypeShape))
                {
                    shape = [];
                    names.Clear();
                    foreach (var dimension in Messages(dimensions, ShapeDimension))
                    {
                        var value = dimension.Where(f => f.Number == DimensionValue && f.WireType == ProtobufWireType.Varint).Select(f => (long?)(long)f.Varint).LastOrDefault();
                        shape.Add(value is > 0 ? value : null);
                        names.Add(dimension.Where(f => f.Number == DimensionParam && f.WireType == ProtobufWireType.LengthDelimited).Select(f => f.Text).LastOrDefault() ?? "");
                    }
                }
            }
        }

        return new OnnxInput(name, elementType, shape, names);
    }

    private static IEnumerable<IReadOnlyList<ProtobufField>> Messages(IEnumerable<ProtobufField> fields, int number) =>
        fields.Where(f => f.Number == number && f.WireType == ProtobufWireType.LengthDelimited).Select(f => ProtobufMessage.Fields(f.Bytes));

    private static IEnumerable<string> Strings(IEnumerable<ProtobufField> fields, int number) =>
        fields.Where(f => f.Number == number && f.WireType == ProtobufWireType.LengthDelimited).Select(f => f.Text);
}
