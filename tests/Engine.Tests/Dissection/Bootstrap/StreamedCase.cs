using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Bootstrap;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection.Bootstrap;

/// <summary>
/// A <see cref="RandomDissectionCase"/> streamed through the engine's passes as a run streams it, with the tally
/// keeping per-image counts: the whole dictionary's result and what the bootstrap keeps of the layer.
/// Owns its statistics.
/// </summary>
internal sealed class StreamedCase : IDisposable
{
    private readonly ActivationThresholds _local;
    private readonly ActivationExtremes _global;

    public StreamedCase(RandomDissectionCase dissection, DissectionParameters parameters, int maxBatch, bool onHost = true)
    {
        Case = dissection;
        var random = new Random(7);
        var k = ActivationThresholds.TopCountFor(dissection.Quantile, (long)dissection.Local.Length * dissection.Height * dissection.Width);
        _local = new ActivationThresholds(dissection.Units, dissection.Local.Length, k);
        _global = new ActivationExtremes(dissection.Units, dissection.Global.Length);
        using var scope = torch.NewDisposeScope();
        foreach (var (start, count) in RandomDissectionCase.Batches(dissection.Local.Length, random, maxBatch))
        {
            _local.Add(RandomDissectionCase.Batch(dissection.Local, start, count));
        }

        foreach (var (start, count) in RandomDissectionCase.Batches(dissection.Global.Length, random, maxBatch))
        {
            _global.Add(RandomDissectionCase.Batch(dissection.Global, start, count));
        }

        Counts = new ImageIouCounts(dissection.Structure, dissection.Units);
        using (var tally = new IouTally(_local.Thresholds(), RandomDissectionCase.Concepts.Count, dissection.Height, dissection.Width, dissection.TallySize, skipSilentMaps: true, onHost, Counts))
        {
            foreach (var (start, count) in RandomDissectionCase.Batches(dissection.Local.Length, random, maxBatch))
            {
                tally.Add(RandomDissectionCase.Batch(dissection.Local, start, count), dissection.MaskBatch(start, count, ScalarType.Byte));
            }

            Tally = tally.Counts();
        }

        Whole = LayerDissection.Dissect(_local, _global, Tally, dissection.Structure, parameters);
        Layer = new BootstrapLayer("layer", _local, _global, Counts);
    }

    public RandomDissectionCase Case { get; }

    /// <summary>The tally's sums.</summary>
    public IouCounts Tally { get; }

    public ImageIouCounts Counts { get; }

    /// <summary>The whole dictionary's result.</summary>
    public LayerResult Whole { get; }

    public BootstrapLayer Layer { get; }

    /// <summary>T_u of the whole dictionary.</summary>
    public Tensor Thresholds() => _local.Thresholds();

    public void Dispose()
    {
        Layer.Dispose();
        _local.Dispose();
        _global.Dispose();
    }
}
