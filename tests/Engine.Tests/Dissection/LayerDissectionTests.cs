using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class LayerDissectionTests
{
    // Probabilities are float64 sums in different orders: equal within this tolerance.
    private const double Tolerance = 1e-9;

    public static TheoryData<int, int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int>();
        foreach (var units in new[] { 1, 3, 8 })
        {
            foreach (var (height, width) in new[] { (1, 1), (3, 3), (4, 5), (7, 7) })
            {
                foreach (var tallySize in new[] { 7, 12, 16 })
                {
                    foreach (var images in new[] { 5, 17 })
                    {
                        data.Add(units, height, width, tallySize, images);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Dissect_MatchesNaiveReference_OnRandomActivations(int units, int height, int width, int tallySize, int images)
    {
        var seed = (units * 1000) + (height * 100) + (width * 10) + tallySize + (images * 7);
        var quantile = new[] { 0.005, 0.05, 0.25 }[seed % 3];
        var dissection = new RandomDissectionCase(seed, units, height, width, tallySize, images, quantile, ties: seed % 4 != 0);
        var parameters = new DissectionParameters();

        var result = dissection.RunEngine(parameters, seed, maxBatch: 6);
        var naive = new NaiveHnd(dissection.NaiveInput(parameters));

        AssertMatches(naive, result, dissection);
    }

    [Fact]
    public void Dissect_MatchesNaiveReference_WithLocalisableInterpretableAndBiasedUnits()
    {
        // Unit 0 fires exactly on the AU_12 images and the first subgroups; a large q makes many pixels active.
        var dissection = new RandomDissectionCase(seed: 11, units: 8, height: 3, width: 3, tallySize: 12, images: 17, quantile: 0.3, ties: true, planted: true);
        var parameters = new DissectionParameters { IouThreshold = 0.02, TopImageCount = 3 };

        var result = dissection.RunEngine(parameters, seed: 5, maxBatch: 4);
        var naive = new NaiveHnd(dissection.NaiveInput(parameters));

        AssertMatches(naive, result, dissection);
        Assert.Contains(result.Units, u => u.Localisable);
        Assert.Contains(result.Units, u => u.Interpretable);
        Assert.Contains(result.Units, u => u.Biased);
        Assert.Contains(result.Units, u => !u.Localisable);
    }

    [Fact]
    public void Dissect_GivesIdenticalResults_ForDifferentBatchSizes()
    {
        var dissection = new RandomDissectionCase(seed: 3, units: 5, height: 4, width: 5, tallySize: 12, images: 17, quantile: 0.05, ties: true);
        var parameters = new DissectionParameters();

        var one = dissection.RunEngine(parameters, seed: 1, maxBatch: 1);
        var many = dissection.RunEngine(parameters, seed: 2, maxBatch: 17);

        Assert.Equal(one.Iou.Intersections, many.Iou.Intersections);
        Assert.Equal(one.Iou.Unions, many.Iou.Unions);
        Assert.Equal(one.Units.Select(u => u.Threshold), many.Units.Select(u => u.Threshold));
        Assert.Equal(
            one.Units.SelectMany(u => u.Families.SelectMany(f => f.Subgroups.Select(s => s.Probability))),
            many.Units.SelectMany(u => u.Families.SelectMany(f => f.Subgroups.Select(s => s.Probability))));
        Assert.Equal(
            one.Units.SelectMany(u => u.RegionConcepts.Select(c => c.Probability)),
            many.Units.SelectMany(u => u.RegionConcepts.Select(c => c.Probability)));
    }

    [Fact]
    public void Dissect_LeavesNoTensorAlive_AfterStreamingMergingAndStages()
    {
        // No dispose scope around the engine here, so a tensor it forgets stays alive and is counted.
        var dissection = new RandomDissectionCase(seed: 4, units: 3, height: 3, width: 3, tallySize: 7, images: 9, quantile: 0.1, ties: true);
        var concepts = RandomDissectionCase.Concepts.Count;
        var statistics = DisposeScopeManager.Statistics;
        var before = statistics.ThreadTotalLiveCount;

        using (var local = new ActivationThresholds(3, 4, topCount: 8))
        using (var later = new ActivationThresholds(3, 5, topCount: 8))
        using (var global = new ActivationExtremes(3, dissection.Global.Length))
        {
            foreach (var (target, start, count) in new[] { (local, 0, 4), (later, 4, 3), (later, 7, 2) })
            {
                using var batch = RandomDissectionCase.Batch(dissection.Local, start, count);
                target.Add(batch);
            }

            local.Merge(later);
            using (var batch = RandomDissectionCase.Batch(dissection.Global, 0, dissection.Global.Length))
            {
                global.Add(batch);
            }

            using var thresholds = local.Thresholds();
            using var tally = new IouTally(thresholds, concepts, 3, 3, 7);
            foreach (var (start, count) in new[] { (0, 5), (5, 4) })
            {
                using var batch = RandomDissectionCase.Batch(dissection.Local, start, count);
                var masks = dissection.MaskBatch(start, count, TorchSharp.torch.ScalarType.Float32);
                using var maskTensor = masks.Masks;
                tally.Add(batch, masks);
            }

            LayerDissection.Dissect(local, global, tally.Counts(), dissection.Structure, new DissectionParameters());
        }

        Assert.Equal(before, statistics.ThreadTotalLiveCount);
    }

    private static void AssertMatches(NaiveHnd naive, LayerResult result, RandomDissectionCase dissection)
    {
        var units = dissection.Units;
        var concepts = RandomDissectionCase.Concepts;
        Assert.Equal(naive.TopCount, result.TopCount);
        Assert.Equal(units, result.Units.Count);
        var ambiguous = false;
        for (var u = 0; u < units; u++)
        {
            var unit = result.Units[u];
            Assert.Equal(naive.Thresholds[u], unit.Threshold);
            for (var c = 0; c < concepts.Count; c++)
            {
                Assert.Equal(naive.Intersections[u, c], result.Iou.Intersection(u, c));
                Assert.Equal(naive.Unions[u, c], result.Iou.Union(u, c));
            }

            Assert.Equal(concepts[naive.TopConcept[u]].Name, unit.TopConcept);
            Assert.Equal(naive.Iou[u, naive.TopConcept[u]], unit.TopIou);
            Assert.Equal(naive.Localisable[u], unit.Localisable);
            Assert.Equal(naive.Region[u], unit.Region);

            for (var f = 0; f < dissection.Families.Count; f++)
            {
                var theta = dissection.Families[f].Threshold;
                Assert.Equal(dissection.Families[f].Name, unit.Families[f].Family);
                for (var s = 0; s < dissection.Families[f].Subgroups.Count; s++)
                {
                    var p = naive.FamilyProbabilities[f][u][s];
                    Assert.Equal(p, unit.Families[f].Subgroups[s].Probability, Tolerance);
                    if (Math.Abs(p - theta) > Tolerance)
                    {
                        Assert.Equal(naive.FamilyBiased[f][u][s], unit.Families[f].Subgroups[s].Biased);
                    }
                    else
                    {
                        ambiguous = true;
                    }
                }
            }

            Assert.Equal(naive.RegionConcepts[u].Select(c => concepts[c].Name), unit.RegionConcepts.Select(c => c.Concept));
            for (var j = 0; j < naive.RegionConcepts[u].Length; j++)
            {
                var p = naive.RegionProbabilities[u][j];
                Assert.Equal(p, unit.RegionConcepts[j].Probability, Tolerance);
                if (Math.Abs(p - (1.5 / naive.RegionConceptCount[u])) > Tolerance)
                {
                    Assert.Equal(naive.RegionInterpretable[u][j], unit.RegionConcepts[j].Interpretable);
                }
                else
                {
                    ambiguous = true;
                }
            }

            Assert.Equal(naive.TopImages[u], unit.TopImages.Select(t => t.LocalImage));
            Assert.Equal(
                naive.TopImages[u].Select(n => (double)dissection.Local[n][u].Cast<float>().Max()),
                unit.TopImages.Select(t => t.Maximum));
        }

        var summary = result.Summary;
        Assert.Equal(naive.CoverageNetDissect, summary.CoverageNetDissect);
        Assert.Equal(naive.Unlocalisable, summary.Unlocalisable);
        if (!ambiguous)
        {
            Assert.Equal(naive.CoverageHnd, summary.CoverageHnd);
            Assert.Equal(naive.UnitsPerConcept, summary.UnitsPerConcept.Select(c => c.Units));
            var localGlobal = naive.LocalGlobal.SelectMany(k => k.SelectMany(f => f));
            Assert.Equal(localGlobal, summary.LocalGlobal.Select(x => x.Units));
        }
    }
}
