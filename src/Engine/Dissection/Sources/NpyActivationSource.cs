using HndGate.Engine.Dictionary;
using HndGate.Engine.Formats;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection.Sources;

/// <summary>
/// Activations from files any framework can write (docs/activations.md): <c>local.npy</c>
/// (N × U × h × w, canonical local order) and <c>global/&lt;family&gt;.npy</c> (that family's images in
/// canonical order), float32 or float16. One layer, named by the caller.
/// </summary>
public sealed class NpyActivationSource : IActivationSource
{
    public const string LocalFile = "local.npy";
    public const string GlobalFolder = "global";

    private readonly string _directory;
    private readonly int _batchSize;
    private readonly NpyReader _local;

    public NpyActivationSource(string directory, string layerName, FaceDictionary dictionary, int batchSize, Device device)
    {
        if (!Directory.Exists(directory))
        {
            throw new HndGateInputException("the activations folder does not exist", directory);
        }

        _directory = directory;
        _batchSize = batchSize;
        Device = device;
        Layers = [layerName];
        _local = NpyReader.Open(Path.Combine(directory, LocalFile));
        CheckShape(_local, dictionary.Local.Count, "local images");
        foreach (var family in dictionary.Global)
        {
            using var reader = NpyReader.Open(GlobalPath(family.Name));
            CheckShape(reader, family.ImageCount, $"images in family '{family.Name}'");
            if (!reader.Header.Shape.Skip(1).SequenceEqual(_local.Header.Shape.Skip(1)))
            {
                throw new HndGateInputException(
                    $"the maps are ({string.Join(", ", reader.Header.Shape.Skip(1))}) here but ({string.Join(", ", _local.Header.Shape.Skip(1))}) in {LocalFile}: both must come from the same layer",
                    reader.File);
            }
        }
    }

    public IReadOnlyList<string> Layers { get; }

    public Device Device { get; }

    /// <summary>The files the activations were read from, for the fingerprint.</summary>
    public IEnumerable<string> Files(FaceDictionary dictionary) =>
        new[] { Path.Combine(_directory, LocalFile) }.Concat(dictionary.Global.Select(f => GlobalPath(f.Name)));

    public IEnumerable<IReadOnlyList<Tensor>> Local(int first, int count) => Read(_local, first, count);

    public IEnumerable<IReadOnlyList<Tensor>> Global(GlobalFamily family, int first, int count)
    {
        using var reader = NpyReader.Open(GlobalPath(family.Name));
        foreach (var batch in Read(reader, first, count))
        {
            yield return batch;
        }
    }

    public void Dispose() => _local.Dispose();

    private IEnumerable<IReadOnlyList<Tensor>> Read(NpyReader reader, int first, int count)
    {
        for (var start = first; start < first + count; start += _batchSize)
        {
            var rows = Math.Min(_batchSize, first + count - start);
            using var host = reader.ReadRows(start, rows);
            yield return [host.to(Device, copy: true)];
        }
    }

    private string GlobalPath(string family) => Path.Combine(_directory, GlobalFolder, family + ".npy");

    private static void CheckShape(NpyReader reader, int images, string what)
    {
        if (reader.Header.DataType == NpyDataType.Int64)
        {
            throw new HndGateInputException("the array holds int64 values: activations are float32 ('<f4') or float16 ('<f2'); convert with arr.astype('float32')", reader.File);
        }

        if (reader.Header.Shape.Count != 4)
        {
            throw new HndGateInputException(
                $"the array has shape ({string.Join(", ", reader.Header.Shape)}): activations are N × U × h × w (4 axes)", reader.File);
        }

        if (reader.Header.Shape[0] != images)
        {
            throw new HndGateInputException(
                $"the array has {reader.Header.Shape[0]} rows but the dictionary has {images} {what}: rows must follow the dictionary's canonical order one to one",
                reader.File);
        }
    }
}
