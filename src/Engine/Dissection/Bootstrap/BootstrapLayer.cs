using HndGate.Engine.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection.Bootstrap;

/// <summary>
/// What the bootstrap keeps of one layer after the passes (docs/bootstrap.md): T_u, the per-image maxima and
/// minima of the local and global images (host copies) and the per-image tally. From them any replicate's
/// R4–R8 follow exactly, without running the model again: R3's sums weighted by the draw counts, the extremes
/// of the drawn images for lo/hi of R6 and R7, and their maxima for R5 (an image drawn twice is twice in P).
/// </summary>
public sealed class BootstrapLayer : IDisposable
{
    private readonly float[] _thresholds;
    private readonly long _topCount;
    private readonly Tensor _localMaxima;
    private readonly Tensor _localMinima;
    private readonly Tensor? _globalMaxima;
    private readonly Tensor? _globalMinima;
    private readonly ImageIouCounts _counts;

    /// <param name="local">R2 over every local image, complete.</param>
    /// <param name="global">The global images' extremes, complete; null when the dictionary has none.</param>
    /// <param name="counts">The per-image tally of the same images against <paramref name="local"/>'s thresholds, complete.</param>
    public BootstrapLayer(string name, ActivationThresholds local, ActivationExtremes? global, ImageIouCounts counts)
    {
        if (!counts.IsComplete || counts.Images != local.Extremes.Images || counts.Units != local.Units || (global is not null && global.Units != local.Units))
        {
            throw new ArgumentException($"layer '{name}': the per-image tally ({counts.Count} of {counts.Images} images, {counts.Units} units) does not cover the thresholds' {local.Extremes.Images} images of {local.Units} units");
        }

        Name = name;
        _counts = counts;
        _topCount = local.TopCount;
        using var scope = torch.NewDisposeScope();
        _thresholds = local.Thresholds().cpu().data<float>().ToArray();
        _localMaxima = local.Extremes.Maxima.to(CPU, copy: true).DetachFromDisposeScope();
        _localMinima = local.Extremes.Minima.to(CPU, copy: true).DetachFromDisposeScope();
        _globalMaxima = global?.Maxima.to(CPU, copy: true).DetachFromDisposeScope();
        _globalMinima = global?.Minima.to(CPU, copy: true).DetachFromDisposeScope();
    }

    public string Name { get; }

    /// <summary>
    /// R4–R8 on <paramref name="replicate"/>'s multiset of images, with T_u held at the whole dictionary's.
    /// The list of local images repeats an image as often as it was drawn, in canonical order.
    /// </summary>
    public LayerSummary Summarise(BootstrapReplicate replicate, DissectionConcepts concepts, double iouThreshold)
    {
        if (replicate.LocalCounts.Count != concepts.LocalImages || replicate.GlobalRows.Count != concepts.GlobalImages
            || concepts.LocalImages != _counts.Images || (_globalMaxima is null) != (concepts.GlobalImages == 0))
        {
            throw new ArgumentException($"the replicate draws {replicate.LocalCounts.Count} local and {replicate.GlobalRows.Count} global images; layer '{Name}' holds {_counts.Images} and {_globalMaxima?.shape[0] ?? 0}", nameof(replicate));
        }

        var drawn = new List<long>(concepts.LocalImages);
        var carried = new List<IReadOnlyList<int>>(concepts.LocalImages);
        for (var n = 0; n < concepts.LocalImages; n++)
        {
            for (var i = 0; i < replicate.LocalCounts[n]; i++)
            {
                drawn.Add(n);
                carried.Add(concepts.LocalImageConcepts[n]);
            }
        }

        // The replicate's dictionary: the drawn local images with their concepts; families of the same sizes.
        var sample = new DissectionConcepts(concepts.Concepts, carried, concepts.Families);
        using var scope = torch.NewDisposeScope();
        var localRows = torch.tensor(drawn.ToArray());
        var globalRows = torch.tensor(replicate.GlobalRows.Select(r => (long)r).ToArray());
        var result = LayerDissection.Conclude(
            _thresholds,
            _topCount,
            _localMaxima.index_select(0, localRows),
            _localMinima.index_select(0, localRows),
            _globalMaxima?.index_select(0, globalRows),
            _globalMinima?.index_select(0, globalRows),
            _counts.Weighted(replicate.LocalCounts),
            sample,
            new DissectionParameters { IouThreshold = iouThreshold, TopImageCount = 0 });
        return result.Summary;
    }

    public void Dispose()
    {
        _localMaxima.Dispose();
        _localMinima.Dispose();
        _globalMaxima?.Dispose();
        _globalMinima?.Dispose();
    }
}
