using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Bootstrap;
using HndGate.Engine.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection.Bootstrap;

/// <summary>
/// The naive side of the bootstrap's check: a replicate written out as a dictionary of its own, every drawn
/// image repeated as often as it was drawn (local images in canonical order, global rows as drawn), and
/// streamed through the engine's passes like any dictionary, except that the tally applies the whole
/// dictionary's T_u, as the bootstrap holds them fixed.
/// </summary>
internal static class DrawnCase
{
    /// <summary>The R8 summary's metrics of the replicate's multiset, dissected as a dictionary.</summary>
    public static IReadOnlyList<MetricValue> Metrics(StreamedCase whole, BootstrapReplicate replicate, DissectionParameters parameters)
    {
        var dissection = whole.Case;
        var drawn = Enumerable.Range(0, dissection.Local.Length).SelectMany(n => Enumerable.Repeat(n, replicate.LocalCounts[n])).ToArray();
        var local = drawn.Select(n => dissection.Local[n]).ToArray();
        var masks = drawn.Select(n => dissection.Masks[n]).ToArray();
        var global = replicate.GlobalRows.Select(r => dissection.Global[r]).ToArray();
        var structure = new DissectionConcepts(RandomDissectionCase.Concepts, [.. masks.Select(m => (IReadOnlyList<int>)[.. m.Select(x => x.Concept)])], dissection.Families);

        using var scope = torch.NewDisposeScope();
        var k = ActivationThresholds.TopCountFor(dissection.Quantile, (long)local.Length * dissection.Height * dissection.Width);
        using var localStatistics = new ActivationThresholds(dissection.Units, local.Length, k);
        localStatistics.Add(RandomDissectionCase.Batch(local, 0, local.Length));
        using var globalStatistics = new ActivationExtremes(dissection.Units, global.Length);
        if (global.Length > 0)
        {
            globalStatistics.Add(RandomDissectionCase.Batch(global, 0, global.Length));
        }

        using var tally = new IouTally(whole.Thresholds(), RandomDissectionCase.Concepts.Count, dissection.Height, dissection.Width, dissection.TallySize);
        for (var start = 0; start < local.Length; start += 5)
        {
            var count = Math.Min(5, local.Length - start);
            tally.Add(RandomDissectionCase.Batch(local, start, count), MaskBatch(masks, start, count, dissection.TallySize));
        }

        var result = LayerDissection.Dissect(localStatistics, globalStatistics, tally.Counts(), structure, parameters);
        return LayerMetrics.Of(result.Summary);
    }

    private static ConceptMaskBatch MaskBatch(IReadOnlyList<(int Concept, bool[,] Mask)>[] masks, int start, int count, int tallySize)
    {
        var images = new List<int>();
        var concepts = new List<int>();
        var bits = new List<byte>();
        for (var n = start; n < start + count; n++)
        {
            foreach (var (c, mask) in masks[n])
            {
                images.Add(n - start);
                concepts.Add(c);
                bits.AddRange(mask.Cast<bool>().Select(b => (byte)(b ? 1 : 0)));
            }
        }

        return new ConceptMaskBatch(torch.tensor(bits.ToArray(), [images.Count, tallySize, tallySize]), images, concepts);
    }
}
