using HndGate.Engine.Dissection.Bootstrap;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The second pass (R3): the IoU tally of every layer over a range of the local images, against the
/// thresholds T_u of the complete first pass. A whole run may read its activations back from the cache;
/// a shard runs the source again.
/// </summary>
internal static class TallyPass
{
    private const string Stage = "local images, pass 2 (tally)";

    /// <param name="cache">The first pass's activations of <paramref name="range"/>, one cache per layer; null: from the source.</param>
    /// <param name="perImage">Also fills each layer's per-image counts (the bootstrap's, every image in range); null: only the sums.</param>
    public static IReadOnlyList<IouCounts> Run(
        DissectionInputs inputs,
        ThresholdState thresholds,
        ImageRange range,
        IReadOnlyList<ActivationCache>? cache,
        IReadOnlyList<ImageIouCounts>? perImage,
        IProgress<DissectionProgress>? progress,
        CancellationToken cancel)
    {
        var plan = inputs.Plan;
        var tallies = new List<IouTally>(plan.Layers.Count);
        try
        {
            var values = thresholds.Thresholds();
            try
            {
                for (var l = 0; l < plan.Layers.Count; l++)
                {
                    using var onDevice = values[l].to(inputs.Device);
                    var shape = plan.Layers[l].Shape;
                    tallies.Add(perImage is null
                        ? new IouTally(onDevice, plan.Concepts.Concepts.Count, shape.Height, shape.Width, plan.Settings.TallySize)
                        : new IouTally(onDevice, plan.Concepts.Concepts.Count, shape.Height, shape.Width, plan.Settings.TallySize, perImage[l]));
                }
            }
            finally
            {
                foreach (var t in values)
                {
                    t.Dispose();
                }
            }

            var masks = inputs.Masks();
            var batches = cache is null ? inputs.Local(range, Stage, progress, cancel) : Cached(cache, range, inputs.BatchSize, inputs.Device, progress, cancel);
            // The masks of the next batch are decoded while this one is tallied.
            using var maskBatches = masks.LoadAhead(range.First, range.Count, inputs.BatchSize).GetEnumerator();
            foreach (var (first, batch) in batches)
            {
                var count = (int)batch[0].shape[0];
                if (!maskBatches.MoveNext())
                {
                    throw new InvalidOperationException($"the tally ran out of masks at local image {first}");
                }

                var (maskFirst, maskCount, batchMasks) = maskBatches.Current;
                using var maskTensor = batchMasks.Masks;
                if (maskFirst != first || maskCount != count)
                {
                    throw new InvalidOperationException($"the masks (images {maskFirst}+{maskCount}) and the activations (images {first}+{count}) of the tally fell out of step");
                }

                using var onDevice = maskTensor.to(inputs.Device);
                var moved = batchMasks with { Masks = onDevice };
                for (var l = 0; l < tallies.Count; l++)
                {
                    tallies[l].Add(batch[l], moved);
                }
            }

            return tallies.Select(t => t.Counts()).ToList();
        }
        finally
        {
            tallies.ForEach(t => t.Dispose());
        }
    }

    /// <summary>The cached activations of <paramref name="range"/> (the cache's rows), in batches moved to <paramref name="device"/>.</summary>
    private static IEnumerable<(int First, IReadOnlyList<Tensor> Activations)> Cached(
        IReadOnlyList<ActivationCache> cache, ImageRange range, int batchSize, Device device, IProgress<DissectionProgress>? progress, CancellationToken cancel)
    {
        for (var row = 0; row < range.Count;)
        {
            cancel.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, range.Count - row);
            var batch = cache.Select(c =>
            {
                using var host = c.ReadRows(row, count);
                return host.to(device, copy: true);
            }).ToList();
            try
            {
                yield return (range.First + row, batch);
            }
            finally
            {
                batch.ForEach(t => t.Dispose());
            }

            row += count;
            progress?.Report(new DissectionProgress(Stage, row, range.Count));
        }
    }
}
