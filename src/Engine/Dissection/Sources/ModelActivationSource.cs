using HndGate.Engine.Dictionary;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection.Sources;

/// <summary>
/// Activations from running the model over the dictionary's images: decode ahead on all cores (R1.1),
/// preprocess (R1.2), one forward pass a batch capturing every layer (hooks, TorchScript outputs or ONNX values).
/// </summary>
public sealed class ModelActivationSource : IActivationSource
{
    private readonly ILayerCapture _capture;
    private readonly ModelInputSpec _input;
    private readonly FaceDictionary _dictionary;
    private readonly ImageBatchReader _reader;
    private readonly int _batchSize;

    /// <param name="capture">The network and its dissected layers, whatever its format; the source owns it.</param>
    public ModelActivationSource(
        ILayerCapture capture,
        ModelInputSpec input,
        FaceDictionary dictionary,
        ImageFileDecoder decoder,
        int batchSize,
        Device device)
    {
        _capture = capture;
        _input = input;
        _dictionary = dictionary;
        _batchSize = batchSize;
        Device = device;
        _reader = new ImageBatchReader(decoder);
    }

    public IReadOnlyList<string> Layers => _capture.Layers;

    public Device Device { get; }

    public IEnumerable<IReadOnlyList<Tensor>> Local(int first, int count) =>
        Run(_dictionary.Local.Skip(first).Take(count).Select(i => i.ImagePath).ToList());

    public IEnumerable<IReadOnlyList<Tensor>> Global(GlobalFamily family, int first, int count) =>
        Run(family.Subgroups.SelectMany(s => s.Images).Skip(first).Take(count).ToList());

    private IEnumerable<IReadOnlyList<Tensor>> Run(IReadOnlyList<string> paths)
    {
        foreach (var batch in _reader.Read(_dictionary.Root, paths, _batchSize))
        {
            Tensor input;
            using (var scope = NewDisposeScope())
            {
                var images = batch.Select(image => InputPreprocessing.Image(image.Rgb, image.Width, image.Height, _input)).ToList();
                input = stack(images).to(Device).MoveToOuterDisposeScope();
            }

            using (input)
            {
                yield return _capture.Run(input);
            }
        }
    }

    public void Dispose() => _capture.Dispose();
}
