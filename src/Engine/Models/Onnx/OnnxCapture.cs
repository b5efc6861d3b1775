using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace HndGate.Engine.Models.Onnx;

/// <summary>
/// Captures named values of an ONNX graph with ONNX Runtime: the values are added to the graph outputs
/// before the session is created (ONNX Runtime returns only graph outputs). Runs on the CPU, or on the CUDA
/// execution provider when the device is a GPU and the ONNX Runtime package has it.
/// </summary>
public sealed class OnnxCapture : ILayerCapture
{
    private const string CudaProvider = "CUDAExecutionProvider";

    // ONNX Runtime resolves external weight files against the model's folder only when it loads from a path.
    private const string ExternalDataFolder = "session.model_external_initializers_file_folder_path";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly long? _fixedBatch;
    private readonly string _file;
    private readonly Device _device;

    private OnnxCapture(InferenceSession session, string inputName, long? fixedBatch, IReadOnlyList<string> layers, string file, Device device)
    {
        _session = session;
        _inputName = inputName;
        _fixedBatch = fixedBatch;
        Layers = layers;
        _file = file;
        _device = device;
    }

    public IReadOnlyList<string> Layers { get; }

    /// <summary>
    /// Opens the card's ONNX model for <paramref name="layers"/> (names of values in its graph) and runs it
    /// once on a blank input, so that a model that cannot take the card's input fails here, before any image
    /// is read. <paramref name="deviceRequested"/>: the user named the GPU, so a missing CUDA execution
    /// provider is an error rather than a reason to run ONNX Runtime on the CPU.
    /// </summary>
    public static OnnxCapture Open(ModelCard card, IReadOnlyList<string> layers, Device device, bool deviceRequested)
    {
        var file = card.FilePath ?? throw new ArgumentException("an ONNX card has a file", nameof(card));
        if (layers.Count == 0)
        {
            throw new HndGateInputException("no layer to dissect was named", card.CardPath, jsonPointer: "/layers");
        }

        var graph = OnnxGraph.Read(file);
        var input = graph.ImageInput();
        graph.ImageSize(card.Input.Size, new InputLocation(card.CardPath, JsonPointer: "/input/size"));
        foreach (var layer in layers)
        {
            if (!graph.Values.Contains(layer, StringComparer.Ordinal))
            {
                throw new HndGateInputException(
                    $"the ONNX model '{Path.GetFileName(file)}' has no value '{layer}'. Nearest names: {string.Join(", ", LayerNames.Nearest(graph.Values, layer))}. 'hnd-gate layers' lists them all",
                    card.CardPath,
                    jsonPointer: "/layers");
            }
        }

        using var options = SessionOptions(file, device, deviceRequested);
        InferenceSession session;
        try
        {
            session = new InferenceSession(graph.WithOutputs(layers), options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new HndGateInputException(
                $"ONNX Runtime cannot load the model: {NativeErrorText.Summary(e.Message)}. The file may be truncated or not an ONNX model",
                file,
                inner: e);
        }

        var capture = new OnnxCapture(session, input.Name, input.Shape![0], layers, file, device);
        try
        {
            capture.CheckOutputTypes();
            using var scope = NewDisposeScope();
            capture.Run(zeros(capture._fixedBatch ?? 1, 3, card.Input.Size, card.Input.Size));
            return capture;
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>
    /// For <c>hnd-gate layers</c>: every value the graph computes, in node order, with its shape on one blank
    /// image at the card's input size. Float maps of four axes are dissectable; other values are listed
    /// with their element type.
    /// </summary>
    public static IReadOnlyList<TracedModule> Trace(ModelCard card)
    {
        var file = card.FilePath ?? throw new ArgumentException("an ONNX card has a file", nameof(card));
        var graph = OnnxGraph.Read(file);
        var input = graph.ImageInput();
        var size = graph.ImageSize(card.Input.Size, new InputLocation(card.CardPath, JsonPointer: "/input/size"));
        using var options = SessionOptions(file, CPU, deviceRequested: false);
        InferenceSession session;
        try
        {
            session = new InferenceSession(graph.WithOutputs(graph.Values), options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new HndGateInputException(
                $"ONNX Runtime cannot load the model: {NativeErrorText.Summary(e.Message)}. The file may be truncated or not an ONNX model",
                file,
                inner: e);
        }

        using (session)
        {
            long[] shape = [input.Shape![0] is { } batch and > 0 ? batch : 1, 3, size, size];
            using var value = OrtValue.CreateTensorValueFromMemory(new float[shape.Aggregate(1L, (a, b) => a * b)], shape);
            using var runOptions = new RunOptions();
            IDisposableReadOnlyCollection<OrtValue> results;
            try
            {
                results = session.Run(runOptions, [input.Name], [value], graph.Values.ToArray());
            }
            catch (OnnxRuntimeException e)
            {
                throw new HndGateInputException(
                    $"the ONNX model fails on input of shape [{string.Join(", ", shape)}]: {NativeErrorText.Summary(e.Message)}. Check input.size in the model card",
                    file,
                    inner: e);
            }

            using (results)
            {
                return graph.Values.Select((name, i) =>
                {
                    var info = results[i].GetTensorTypeAndShape();
                    var floatMap = info.ElementDataType == TensorElementType.Float;
                    return new TracedModule(name, floatMap ? "value" : $"value ({info.ElementDataType})", floatMap || info.Shape.Length != 4 ? info.Shape : null, i, i);
                }).ToList();
            }
        }
    }

    /// <summary>
    /// Runs the batch through ONNX Runtime in float32 on the host. A model with a fixed batch size gets
    /// the batch in slices of that size, the last one padded with zeros whose outputs are dropped.
    /// </summary>
    public IReadOnlyList<Tensor> Run(Tensor batch)
    {
        var outer = CurrentDisposeScope;
        using var scope = NewDisposeScope();
        var host = batch.to(ScalarType.Float32, CPU).contiguous();
        var images = host.shape[0];
        var perImage = host.numel() / Math.Max(1, images);
        var pixels = host.data<float>().ToArray();
        var slice = _fixedBatch ?? images;
        var parts = Layers.Select(_ => new List<Tensor>()).ToList();
        for (long first = 0; first < images; first += slice)
        {
            var rows = Math.Min(slice, images - first);
            var buffer = new float[slice * perImage];
            Array.Copy(pixels, first * perImage, buffer, 0, rows * perImage);
            long[] shape = [slice, .. host.shape.Skip(1)];
            using var value = OrtValue.CreateTensorValueFromMemory(buffer, shape);
            using var results = RunSession(value, shape);
            for (var l = 0; l < Layers.Count; l++)
            {
                var output = results[l];
                var outputShape = output.GetTensorTypeAndShape().Shape;
                parts[l].Add(tensor(output.GetTensorDataAsSpan<float>().ToArray(), outputShape).narrow(0, 0, rows));
            }
        }

        return parts.Select(p =>
        {
            var layer = (p.Count == 1 ? p[0] : cat(p, 0)).to(_device);
            return outer is null ? layer.DetachFromDisposeScope() : layer.MoveToOtherDisposeScope(outer);
        }).ToList();
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private IDisposableReadOnlyCollection<OrtValue> RunSession(OrtValue value, long[] shape)
    {
        try
        {
            return _session.Run(_runOptions, [_inputName], [value], Layers.ToArray());
        }
        catch (OnnxRuntimeException e)
        {
            throw new HndGateInputException(
                $"the ONNX model fails on input of shape [{string.Join(", ", shape)}]: {NativeErrorText.Summary(e.Message)}. Check input.size in the model card",
                _file,
                inner: e);
        }
    }

    private void CheckOutputTypes()
    {
        foreach (var layer in Layers)
        {
            var type = _session.OutputMetadata[layer].ElementDataType;
            if (type != TensorElementType.Float)
            {
                throw new HndGateInputException(
                    $"the value '{layer}' is {type}, not a float map: dissect the output of a convolution, normalisation or activation",
                    _file);
            }
        }
    }

    private static SessionOptions SessionOptions(string file, Device device, bool deviceRequested)
    {
        var options = new SessionOptions { IntraOpNumThreads = torch.get_num_threads() };
        try
        {
            options.AddSessionConfigEntry(ExternalDataFolder, Path.GetDirectoryName(Path.GetFullPath(file))!);
            if (device.type == DeviceType.CUDA)
            {
                if (OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider, StringComparer.Ordinal))
                {
                    options.AppendExecutionProvider_CUDA(Math.Max(0, device.index));
                }
                else if (deviceRequested)
                {
                    throw new HndGateInputException(
                        "--device cuda: this build's ONNX Runtime has no CUDA execution provider (the Microsoft.ML.OnnxRuntime package is CPU-only; docs/torchscript-onnx.md says how to build with Microsoft.ML.OnnxRuntime.Gpu). Use --device cpu",
                        file);
                }
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
