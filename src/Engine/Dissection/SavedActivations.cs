using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection.Sources;
using HndGate.Engine.Formats;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// <c>--save-activations DIR</c>: the first pass's activations as the files <see cref="NpyActivationSource"/>
/// reads (docs/activations.md), float32, one folder per layer. Files appear only on <see cref="Complete"/>.
/// </summary>
internal sealed class SavedActivations : IDisposable
{
    private readonly NpyWriter[] _local;
    private readonly NpyWriter[][] _global;

    public SavedActivations(string directory, DissectionPlan plan, FaceDictionary dictionary)
    {
        var writers = new List<NpyWriter>();
        try
        {
            _local = plan.Layers.Select(layer =>
            {
                Directory.CreateDirectory(Path.Combine(directory, layer.Name, NpyActivationSource.GlobalFolder));
                return Add(writers, Path.Combine(directory, layer.Name, NpyActivationSource.LocalFile), dictionary.Local.Count, layer.Shape);
            }).ToArray();
            _global = dictionary.Global
                .Select(family => plan.Layers
                    .Select(layer => Add(writers, Path.Combine(directory, layer.Name, NpyActivationSource.GlobalFolder, family.Name + ".npy"), family.ImageCount, layer.Shape))
                    .ToArray())
                .ToArray();
        }
        catch
        {
            writers.ForEach(w => w.Dispose());
            throw;
        }
    }

    /// <summary>The next local images of layer <paramref name="layer"/>.</summary>
    public void Local(int layer, Tensor activations) => _local[layer].Append(activations);

    /// <summary>The next images of global family <paramref name="family"/> (dictionary order) of layer <paramref name="layer"/>.</summary>
    public void Global(int family, int layer, Tensor activations) => _global[family][layer].Append(activations);

    /// <summary>Moves every file into place once all of its rows are written.</summary>
    public void Complete()
    {
        foreach (var writer in All())
        {
            writer.Complete();
        }
    }

    public void Dispose()
    {
        foreach (var writer in All())
        {
            writer.Dispose();
        }
    }

    private IEnumerable<NpyWriter> All() => _local.Concat(_global.SelectMany(w => w));

    private static NpyWriter Add(List<NpyWriter> writers, string path, int images, MapShape shape)
    {
        var writer = new NpyWriter(path, NpyDataType.Float32, [images, shape.Units, shape.Height, shape.Width]);
        writers.Add(writer);
        return writer;
    }
}
