using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>R6, Stage I: the bias of every unit towards the subgroups of each global family.</summary>
public static class GlobalConceptStage
{
    /// <summary>
    /// R6 for every family, from the per-image maxima and minima of the global images (Images × U,
    /// family after family, subgroup after subgroup, as <see cref="GlobalFamilyLayout"/> lays them out).
    /// </summary>
    public static IReadOnlyList<FamilyScores> Run(Tensor maxima, Tensor minima, IReadOnlyList<GlobalFamilyLayout> families)
    {
        var rows = families.Sum(f => f.Images);
        if (maxima.dim() != 2 || !maxima.shape.SequenceEqual(minima.shape) || maxima.shape[0] != rows)
        {
            throw new ArgumentException($"the global families hold {rows} images; got maxima [{string.Join(", ", maxima.shape)}] and minima [{string.Join(", ", minima.shape)}]");
        }

        var units = (int)maxima.shape[1];
        var results = new List<FamilyScores>(families.Count);
        var offset = 0;
        foreach (var family in families)
        {
            results.Add(Family(maxima, minima, family, offset, units));
            offset += family.Images;
        }

        return results;
    }

    private static FamilyScores Family(Tensor maxima, Tensor minima, GlobalFamilyLayout family, int offset, int units)
    {
        var subgroups = family.Subgroups.Count;
        var groups = new List<IReadOnlyList<int>>(subgroups);
        var start = 0;
        foreach (var size in family.SubgroupImages)
        {
            groups.Add(Enumerable.Range(start, size).ToArray());
            start += size;
        }

        double[] scores;
        using (var scope = torch.NewDisposeScope())
        {
            if (family.Images == 0)
            {
                scores = new double[units * subgroups];
            }
            else
            {
                // R6: P = the family's images; lo/hi = min/max of all values of A_u over them.
                var familyMaxima = maxima.narrow(0, offset, family.Images);
                var lo = minima.narrow(0, offset, family.Images).amin([0]);
                var hi = familyMaxima.amax([0]);
                scores = RankScores.Compute(familyMaxima, lo, hi, groups).cpu().contiguous().data<double>().ToArray();
            }
        }

        var probabilities = new IReadOnlyList<double>[units];
        var biased = new IReadOnlyList<bool>[units];
        for (var u = 0; u < units; u++)
        {
            // R6: P_s = CS_s / Σ CS (0 when the sum is 0); biased towards s when P_s > θ_G.
            var p = StageProbabilities.Normalise(scores, u * subgroups, subgroups);
            probabilities[u] = p;
            biased[u] = p.Select(value => value > family.Threshold).ToArray();
        }

        return new FamilyScores(family, probabilities, biased);
    }
}
