using HndGate.Engine.Dissection.Bootstrap;
using TorchSharp;
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
            // The masks of the next batch are decoded while this one is tallied: as bitmaps for the host tally
            // (CPU runs), as tensors moved to the device otherwise.
            if (tallies.All(t => t.OnHost))
            {
                Tally(tallies, batches, masks.LoadBitmapsAhead(range.First, range.Count, inputs.BatchSize), (tally, activations, batch) => tally.Add(activations, batch), _ => { });
            }
            else
            {
                Tally(
                    tallies,
                    batches,
                    masks.LoadAhead(range.First, range.Count, inputs.BatchSize),
                    (tally, activations, batch) =>
                    {
                        using var onDevice = batch.Masks.to(inputs.Device);
                        tally.Add(activations, batch with { Masks = onDevice });
                    },
                    batch => batch.Masks.Dispose());
            }

            return tallies.Select(t => t.Counts()).ToList();
        }
        finally
        {
            tallies.ForEach(t => t.Dispose());
        }
    }

    /// <summary>Each batch of activations with its masks, checked to be of the same images, into every layer's tally; <paramref name="free"/> releases a mask batch.</summary>
    private static void Tally<T>(
        IReadOnlyList<IouTally> tallies,
        IEnumerable<(int First, IReadOnlyList<Tensor> Activations)> activations,
        IEnumerable<(int First, int Count, T Masks)> maskBatches,
        Action<IouTally, Tensor, T> add,
        Action<T> free)
    {
        using var maskBatch = maskBatches.GetEnumerator();
        foreach (var (first, batch) in activations)
        {
            var count = (int)batch[0].shape[0];
            if (!maskBatch.MoveNext())
            {
                throw new InvalidOperationException($"the tally ran out of masks at local image {first}");
            }

            var (maskFirst, maskCount, masks) = maskBatch.Current;
            try
            {
                if (maskFirst != first || maskCount != count)
                {
                    throw new InvalidOperationException($"the masks (images {maskFirst}+{maskCount}) and the activations (images {first}+{count}) of the tally fell out of step");
                }

                for (var l = 0; l < tallies.Count; l++)
                {
                    add(tallies[l], batch[l], masks);
                }
            }
            finally
            {
                free(masks);
            }
        }
    }

    /// <summary>The cached activations of <paramref name="range"/> (the cache's rows), float16, in batches on <paramref name="device"/>.</summary>
    private static IEnumerable<(int First, IReadOnlyList<Tensor> Activations)> Cached(
        IReadOnlyList<ActivationCache> cache, ImageRange range, int batchSize, Device device, IProgress<DissectionProgress>? progress, CancellationToken cancel)
    {
        for (var row = 0; row < range.Count;)
        {
            cancel.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, range.Count - row);
            // float16 as cached: the host tally reads it in place; another device converts it there.
            var batch = cache.Select(c =>
            {
                var stored = c.ReadStoredRows(row, count);
                if (device.type == DeviceType.CPU)
                {
                    return stored;
                }

                using (stored)
                {
                    return stored.to(device);
                }
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
