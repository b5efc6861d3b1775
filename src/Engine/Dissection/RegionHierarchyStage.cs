using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>R7, Stage III: the local concepts a localisable unit is interpretable for, within its region.</summary>
public static class RegionHierarchyStage
{
    /// <summary>R7.6: a unit is interpretable for k when P_k exceeds this factor over K_r.</summary>
    public const double InterpretabilityFactor = 1.5;

    /// <summary>
    /// R7 for every unit, from the per-image maxima and minima of the local images (N × U, canonical order),
    /// the tally and R4's regions. Returns one entry per unit: null for a unit that is not localisable.
    /// </summary>
    public static IReadOnlyList<RegionScores?> Run(Tensor maxima, Tensor minima, IouCounts iou, IReadOnlyList<UnitRegion> regions, DissectionConcepts concepts)
    {
        var units = regions.Count;
        if (maxima.dim() != 2 || !maxima.shape.SequenceEqual(minima.shape) || maxima.shape[0] != concepts.LocalImages || maxima.shape[1] != units || iou.Units != units)
        {
            throw new ArgumentException($"expected {concepts.LocalImages} local images × {units} units; got maxima [{string.Join(", ", maxima.shape)}], minima [{string.Join(", ", minima.shape)}] and a tally of {iou.Units} units");
        }

        var results = new RegionScores?[units];
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();

        // R7.2: lo/hi over every value of A_u on all local images.
        var lo = maxima.shape[0] == 0 ? minima.new_zeros(units) : minima.amin([0]);
        var hi = maxima.shape[0] == 0 ? maxima.new_zeros(units) : maxima.amax([0]);
        foreach (var region in concepts.Regions)
        {
            var regionUnits = Enumerable.Range(0, units).Where(u => regions[u].Localisable && regions[u].Region == region).ToArray();
            if (regionUnits.Length == 0)
            {
                continue;
            }

            var regionConcepts = Enumerable.Range(0, concepts.Concepts.Count).Where(c => concepts.Concepts[c].Region == region).ToArray();
            var conceptCount = regionConcepts.Count(c => concepts.ImagesPerConcept[c] > 0);

            // R7.1 and R7.3: P = images carrying a concept of the region; each concept's group = its images in P.
            var images = new List<long>();
            var groups = regionConcepts.Select(_ => new List<int>()).ToArray();
            for (var n = 0; n < concepts.LocalImages; n++)
            {
                var carried = concepts.LocalImageConcepts[n];
                var inRegion = false;
                for (var k = 0; k < regionConcepts.Length; k++)
                {
                    if (carried.Contains(regionConcepts[k]))
                    {
                        groups[k].Add(images.Count);
                        inRegion = true;
                    }
                }

                if (inRegion)
                {
                    images.Add(n);
                }
            }

            var unitIndex = torch.tensor(regionUnits.Select(u => (long)u).ToArray(), device: maxima.device);
            var listMaxima = images.Count == 0
                ? maxima.new_zeros(0, regionUnits.Length)
                : maxima.index_select(0, torch.tensor(images.ToArray(), device: maxima.device)).index_select(1, unitIndex);
            var scores = RankScores.Compute(listMaxima, lo.index_select(0, unitIndex), hi.index_select(0, unitIndex), groups)
                .cpu().contiguous().data<double>().ToArray();

            for (var i = 0; i < regionUnits.Length; i++)
            {
                var u = regionUnits[i];

                // R7.4: CS_k ← CS_k · IoU[u,k].
                var localised = new double[regionConcepts.Length];
                for (var k = 0; k < regionConcepts.Length; k++)
                {
                    localised[k] = scores[(i * regionConcepts.Length) + k] * iou.Iou(u, regionConcepts[k]);
                }

                // R7.5–6: P_k normalised over the region; interpretable when P_k > 1.5/K_r.
                var p = StageProbabilities.Normalise(localised, 0, localised.Length);
                var interpretable = p.Select(value => conceptCount > 0 && value > InterpretabilityFactor / conceptCount).ToArray();
                results[u] = new RegionScores(region, regionConcepts, p, interpretable, conceptCount);
            }
        }

        return results;
    }
}
