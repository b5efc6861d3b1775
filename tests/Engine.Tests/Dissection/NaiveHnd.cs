using HndGate.Engine.Dissection;

namespace HndGate.Engine.Tests.Dissection;

/// <summary>
/// R2–R8 written straight from hnd-method.md with plain loops over arrays and float64 sums, no TorchSharp,
/// to check the engine against. R3's upsampled values are exact rational numbers (weights as the fractions
/// of align_corners = false, cells as the exact values of their floats), so "strictly greater than T_u" is
/// decided without rounding, ties included. R2's k takes q as the decimal number it is written as.
/// </summary>
internal sealed class NaiveHnd
{
    public NaiveHnd(NaiveInput input)
    {
        var local = input.Local;
        var n = local.Length;
        var units = input.Units;
        var concepts = input.Concepts.Count;
        var height = input.Height;
        var width = input.Width;

        // R2: k = max(1, floor(q·V)); T_u = the k-th largest of all values (with multiplicity).
        TopCount = Math.Max(1, (long)decimal.Floor((decimal)input.Quantile * n * height * width));
        Thresholds = new float[units];
        for (var u = 0; u < units; u++)
        {
            var values = new List<float>();
            for (var i = 0; i < n; i++)
            {
                foreach (var v in local[i][u])
                {
                    values.Add(v);
                }
            }

            values.Sort((a, b) => b.CompareTo(a));
            Thresholds[u] = values[(int)TopCount - 1];
        }

        // R3: summed over the images that carry c, |B ∧ M| and |B ∨ M|.
        Intersections = new long[units, concepts];
        Unions = new long[units, concepts];
        var s = input.TallySize;
        for (var i = 0; i < n; i++)
        {
            for (var u = 0; u < units; u++)
            {
                var active = Active(local[i][u], s, Thresholds[u]);
                foreach (var (c, mask) in input.Masks[i])
                {
                    for (var y = 0; y < s; y++)
                    {
                        for (var x = 0; x < s; x++)
                        {
                            var b = active[y, x];
                            var m = mask[y, x];
                            if (b && m)
                            {
                                Intersections[u, c]++;
                            }

                            if (b || m)
                            {
                                Unions[u, c]++;
                            }
                        }
                    }
                }
            }
        }

        Iou = new double[units, concepts];
        for (var u = 0; u < units; u++)
        {
            for (var c = 0; c < concepts; c++)
            {
                Iou[u, c] = Unions[u, c] == 0 ? 0 : (double)Intersections[u, c] / Unions[u, c];
            }
        }

        // R4: argmax with ties to the first concept; localisable when IoU ≥ τ.
        TopConcept = new int[units];
        Localisable = new bool[units];
        Region = new string?[units];
        for (var u = 0; u < units; u++)
        {
            var best = 0;
            for (var c = 1; c < concepts; c++)
            {
                if (Iou[u, c] > Iou[u, best])
                {
                    best = c;
                }
            }

            TopConcept[u] = best;
            Localisable[u] = Iou[u, best] >= input.IouThreshold;
            Region[u] = Localisable[u] ? input.Concepts[best].Region : null;
        }

        // R6 per family: P = the family's images, lo/hi over all their values, subgroups as groups.
        FamilyProbabilities = new double[input.Families.Count][][];
        FamilyBiased = new bool[input.Families.Count][][];
        var offset = 0;
        for (var f = 0; f < input.Families.Count; f++)
        {
            var family = input.Families[f];
            var images = Enumerable.Range(offset, family.Images).ToArray();
            var groups = new List<List<int>>();
            var position = 0;
            foreach (var size in family.SubgroupImages)
            {
                groups.Add(Enumerable.Range(position, size).ToList());
                position += size;
            }

            FamilyProbabilities[f] = new double[units][];
            FamilyBiased[f] = new bool[units][];
            for (var u = 0; u < units; u++)
            {
                var (lo, hi) = Range(input.Global, images, u);
                var m = images.Select(g => Max(input.Global[g][u])).ToArray();
                var cs = RankScores(m, lo, hi, groups);
                FamilyProbabilities[f][u] = Normalise(cs);
                FamilyBiased[f][u] = FamilyProbabilities[f][u].Select(p => p > family.Threshold).ToArray();
            }

            offset += family.Images;
        }

        // R7 for each localisable unit, within its region.
        RegionConcepts = new int[units][];
        RegionProbabilities = new double[units][];
        RegionInterpretable = new bool[units][];
        RegionConceptCount = new int[units];
        var allLocal = Enumerable.Range(0, n).ToArray();
        for (var u = 0; u < units; u++)
        {
            if (!Localisable[u])
            {
                RegionConcepts[u] = [];
                RegionProbabilities[u] = [];
                RegionInterpretable[u] = [];
                continue;
            }

            var region = Region[u];
            var inRegion = Enumerable.Range(0, concepts).Where(c => input.Concepts[c].Region == region).ToArray();
            var list = allLocal.Where(i => input.Masks[i].Any(mc => inRegion.Contains(mc.Concept))).ToArray();
            var (lo, hi) = Range(local, allLocal, u);
            var m = list.Select(i => Max(local[i][u])).ToArray();
            var groups = inRegion
                .Select(k => Enumerable.Range(0, list.Length).Where(p => input.Masks[list[p]].Any(mc => mc.Concept == k)).ToList())
                .ToList();
            var cs = RankScores(m, lo, hi, groups);
            for (var j = 0; j < inRegion.Length; j++)
            {
                cs[j] *= Iou[u, inRegion[j]];
            }

            var kr = inRegion.Count(k => Enumerable.Range(0, n).Any(i => input.Masks[i].Any(mc => mc.Concept == k)));
            RegionConcepts[u] = inRegion;
            RegionProbabilities[u] = Normalise(cs);
            RegionInterpretable[u] = RegionProbabilities[u].Select(p => kr > 0 && p > 1.5 / kr).ToArray();
            RegionConceptCount[u] = kr;
        }

        // R8, per-unit pictures: the images with the largest maxima, ties to the lower index.
        TopImages = new int[units][];
        for (var u = 0; u < units; u++)
        {
            var remaining = Enumerable.Range(0, n).ToList();
            var top = new List<int>();
            while (top.Count < input.TopImages && remaining.Count > 0)
            {
                var best = remaining[0];
                foreach (var i in remaining)
                {
                    if (Max(local[i][u]) > Max(local[best][u]))
                    {
                        best = i;
                    }
                }

                top.Add(best);
                remaining.Remove(best);
            }

            TopImages[u] = [.. top];
        }

        // R8 summary.
        var interpretable = Enumerable.Range(0, units).Select(u => RegionInterpretable[u].Any(b => b)).ToArray();
        var biased = Enumerable.Range(0, units).Select(u => FamilyBiased.Any(f => f[u].Any(b => b))).ToArray();
        CoverageHnd = (double)Enumerable.Range(0, units).Count(u => interpretable[u] || biased[u]) / units;
        CoverageNetDissect = (double)Localisable.Count(l => l) / units;
        Unlocalisable = Localisable.Count(l => !l);
        UnitsPerConcept = Enumerable.Range(0, concepts)
            .Select(k => Enumerable.Range(0, units).Count(u => InterpretableFor(u, k)))
            .ToArray();
        LocalGlobal = new int[concepts][][];
        for (var k = 0; k < concepts; k++)
        {
            LocalGlobal[k] = new int[input.Families.Count][];
            for (var f = 0; f < input.Families.Count; f++)
            {
                LocalGlobal[k][f] = Enumerable.Range(0, input.Families[f].Subgroups.Count)
                    .Select(sg => Enumerable.Range(0, units).Count(u => InterpretableFor(u, k) && FamilyBiased[f][u][sg]))
                    .ToArray();
            }
        }
    }

    public long TopCount { get; }

    public float[] Thresholds { get; }

    public long[,] Intersections { get; }

    public long[,] Unions { get; }

    public double[,] Iou { get; }

    public int[] TopConcept { get; }

    public bool[] Localisable { get; }

    public string?[] Region { get; }

    /// <summary>[family][unit][subgroup].</summary>
    public double[][][] FamilyProbabilities { get; }

    public bool[][][] FamilyBiased { get; }

    public int[][] RegionConcepts { get; }

    public double[][] RegionProbabilities { get; }

    public bool[][] RegionInterpretable { get; }

    public int[] RegionConceptCount { get; }

    public int[][] TopImages { get; }

    public double CoverageHnd { get; }

    public double CoverageNetDissect { get; }

    public int Unlocalisable { get; }

    public int[] UnitsPerConcept { get; }

    /// <summary>[concept][family][subgroup].</summary>
    public int[][][] LocalGlobal { get; }

    /// <summary>
    /// R3: which pixels of the bilinear upsampling (align_corners = false) of an h × w map to S × S are strictly
    /// greater than T: src = (d + 0.5)·in/out − 0.5, clamped at 0, neighbours i0 = floor(src) and
    /// min(i0 + 1, in − 1), weight λ = src − i0; v = (1 − λy)((1 − λx)·a00 + λx·a01) + λy((1 − λx)·a10 + λx·a11),
    /// all in exact rational arithmetic.
    /// </summary>
    public static bool[,] Active(float[,] map, int size, float threshold)
    {
        var height = map.GetLength(0);
        var width = map.GetLength(1);
        var t = Fraction.Of(threshold);
        var active = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            var (y0, y1, ly) = SourceOf(y, height, size);
            for (var x = 0; x < size; x++)
            {
                var (x0, x1, lx) = SourceOf(x, width, size);
                var top = Lerp(Fraction.Of(map[y0, x0]), Fraction.Of(map[y0, x1]), lx);
                var bottom = Lerp(Fraction.Of(map[y1, x0]), Fraction.Of(map[y1, x1]), lx);
                active[y, x] = Lerp(top, bottom, ly).CompareTo(t) > 0;
            }
        }

        return active;
    }

    /// <summary>R5 for one unit: the rank-weighted score of each group of positions in the list.</summary>
    public static double[] RankScores(double[] m, double lo, double hi, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        var scores = new double[groups.Count];
        if (hi == lo)
        {
            return scores;
        }

        var count = m.Length;
        var ms = m.Select(v => (v - lo) / (hi - lo)).ToArray();

        // Stable insertion sort by m ascending: equal values keep list order.
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = 1; i < count; i++)
        {
            for (var j = i; j > 0 && m[order[j - 1]] > m[order[j]]; j--)
            {
                (order[j - 1], order[j]) = (order[j], order[j - 1]);
            }
        }

        var rank = new double[count];
        for (var i = 0; i < count; i++)
        {
            rank[order[i]] = (i + 1.0) / count;
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var sum = 0.0;
            foreach (var p in groups[g])
            {
                sum += rank[p] * ms[p];
            }

            scores[g] = groups[g].Count == 0 ? 0 : sum / groups[g].Count;
        }

        return scores;
    }

    private static double[] RankScores(float[] m, float lo, float hi, List<List<int>> groups) =>
        RankScores(m.Select(v => (double)v).ToArray(), lo, hi, groups);

    private bool InterpretableFor(int unit, int concept)
    {
        var j = Array.IndexOf(RegionConcepts[unit], concept);
        return j >= 0 && RegionInterpretable[unit][j];
    }

    private static (int I0, int I1, Fraction Lambda) SourceOf(int d, int input, int output)
    {
        // src as the exact fraction ((2d+1)·in − out) / (2·out).
        var numerator = Math.Max(0, ((2 * d) + 1) * input - output);
        var denominator = 2 * output;
        var i0 = numerator / denominator;
        return (i0, Math.Min(i0 + 1, input - 1), new Fraction(numerator - (i0 * denominator), denominator));
    }

    private static Fraction Lerp(Fraction a, Fraction b, Fraction lambda) => (Fraction.One - lambda) * a + lambda * b;

    private static float Max(float[,] map)
    {
        var max = float.NegativeInfinity;
        foreach (var v in map)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static (float Lo, float Hi) Range(float[][][,] maps, int[] images, int unit)
    {
        var lo = float.PositiveInfinity;
        var hi = float.NegativeInfinity;
        foreach (var i in images)
        {
            foreach (var v in maps[i][unit])
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        return (lo, hi);
    }

    private static double[] Normalise(double[] scores)
    {
        var sum = 0.0;
        foreach (var s in scores)
        {
            sum += s;
        }

        return scores.Select(s => sum == 0 ? 0 : s / sum).ToArray();
    }
}
