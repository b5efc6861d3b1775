using HndGate.Engine.Results;

namespace HndGate.Engine.Dissection.Bootstrap;

/// <summary>
/// The noise guard (docs/bootstrap.md): B replicates of the dictionary, each layer's R4–R8 recomputed on each,
/// and for every metric of <see cref="LayerMetrics"/> the percentile interval at <see cref="Level"/>: from the
/// 2.5th to the 97.5th percentile of its B replicate values. Replicates run in parallel; each depends on
/// (seed, b) alone, so the intervals do not depend on the thread count.
/// </summary>
public static class PercentileBootstrap
{
    /// <summary>The confidence level of the intervals.</summary>
    public const double Level = 0.95;

    private const string Stage = "bootstrap replicates";

    /// <summary>The intervals of every metric of every layer, from <paramref name="replicates"/> replicates drawn with <paramref name="seed"/>.</summary>
    /// <param name="concepts">The dictionary the layers were dissected with.</param>
    /// <param name="iouThreshold">τ_iou of R4, as in the run.</param>
    public static BootstrapIntervals Run(
        IReadOnlyList<BootstrapLayer> layers,
        DissectionConcepts concepts,
        double iouThreshold,
        int replicates,
        long seed,
        IProgress<DissectionProgress>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        var strata = BootstrapStrata.Of(concepts);
        var done = 0;
        var gate = new object();

        // Only the values are kept per replicate; the keys are every replicate's, the same for all (LayerMetrics).
        var keys = new IReadOnlyList<string>[layers.Count];
        var values = OrderedParallel.Map(
            replicates,
            b =>
            {
                cancel.ThrowIfCancellationRequested();
                var replicate = BootstrapReplicate.Draw(strata, seed, b);
                var metrics = new double[layers.Count][];
                for (var l = 0; l < layers.Count; l++)
                {
                    var of = LayerMetrics.Of(layers[l].Summarise(replicate, concepts, iouThreshold));
                    metrics[l] = of.Select(m => m.Value).ToArray();
                    if (b == 0)
                    {
                        keys[l] = of.Select(m => m.Key).ToList();
                    }
                }

                lock (gate)
                {
                    progress?.Report(new DissectionProgress(Stage, ++done, replicates));
                }

                return metrics;
            },
            cancel);

        var intervals = new List<LayerIntervals>(layers.Count);
        for (var l = 0; l < layers.Count; l++)
        {
            var metrics = new List<MetricInterval>(keys[l].Count);
            var sample = new double[replicates];
            for (var k = 0; k < keys[l].Count; k++)
            {
                for (var b = 0; b < replicates; b++)
                {
                    sample[b] = values[b][l][k];
                }

                Array.Sort(sample);
                metrics.Add(new MetricInterval(keys[l][k], Percentile(sample, (1 - Level) / 2), Percentile(sample, 1 - ((1 - Level) / 2))));
            }

            intervals.Add(new LayerIntervals(layers[l].Name, metrics));
        }

        return new BootstrapIntervals(replicates, seed, Level, intervals);
    }

    /// <summary>
    /// The <paramref name="p"/>-quantile of <paramref name="sorted"/> (ascending) by linear interpolation between
    /// order statistics (Hyndman and Fan's type 7, numpy's default): h = (B − 1)·p, and the value
    /// x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋), 0-based.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("a percentile needs at least one value", nameof(sorted));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a quantile lies between 0 and 1");
        }

        var h = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }
}
