using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class IouTallyTests
{
    // Two images, two units, 2×2 maps tallied at 4×4, three concepts (concept 2 carried by no image).
    // Unit 0, image 0: [[0,4],[8,12]] upsamples to rows [0,1,3,4] [2,3,5,6] [6,7,9,10] [8,9,11,12]; T_0 = 8, so
    //   B = {(2,2),(2,3),(3,1),(3,2),(3,3)} (5 pixels; (3,0) equals T_0 and is not active). Unit 0 is 0 on image 1.
    // Unit 1: 0 everywhere on image 0, equal to T_1 = 0 (inactive); 1 everywhere on image 1 (16 active pixels).
    // Image 0 carries concept 0 (bottom row) and concept 1 (left column); image 1 carries concept 1 (top-left 2×2).
    private static readonly float[] Activations = [0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1];

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Add_CountsHandComputedIntersectionsAndUnions(bool skipSilentMaps, bool onHost)
    {
        using var scope = torch.NewDisposeScope();
        using var tally = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4, skipSilentMaps, onHost);

        tally.Add(torch.tensor(Activations, [2, 2, 2, 2]), HandMasks());
        var counts = tally.Counts();

        // Concept 0: unit 0 overlaps 3 of its 4 pixels, union 5 + 4 − 3; unit 1 is inactive on image 0.
        Assert.Equal((3L, 6L), (counts.Intersection(0, 0), counts.Union(0, 0)));
        Assert.Equal((0L, 4L), (counts.Intersection(1, 0), counts.Union(1, 0)));

        // Concept 1: unit 0 misses the left column (union 5 + 4) and is silent on image 1 (its mask still counts 4);
        // unit 1 covers image 1's 4 mask pixels within 16 active ones, plus image 0's 4 mask pixels.
        Assert.Equal((0L, 13L), (counts.Intersection(0, 1), counts.Union(0, 1)));
        Assert.Equal((4L, 20L), (counts.Intersection(1, 1), counts.Union(1, 1)));
        Assert.Equal(0.2, counts.Iou(1, 1));

        // Concept 2: no image carries it.
        Assert.Equal((0L, 0L, 0.0), (counts.Intersection(0, 2), counts.Union(0, 2), counts.Iou(0, 2)));
    }

    // A map [1, a, b] of 3 cells at 5 pixels: pixel 3 lies between a and b at λ = 6/10, exactly 0.4·a + 0.6·b = 0, which
    // a + λ·(b − a) in float32 rounds to +9.5e-7 for (−15, 10) and to −1.9e-6 for (30, −20). Against T = 0 the
    // first is a tie (inactive), against T = −1e-6 the second is above (active); float32 alone decides both wrongly.
    [Theory]
    [InlineData(-15f, 10f, 0f, 2, true, true)]
    [InlineData(-15f, 10f, 0f, 2, false, false)]
    [InlineData(30f, -20f, -1e-6f, 4, true, true)]
    [InlineData(30f, -20f, -1e-6f, 4, false, false)]
    public void Add_DecidesPixelsAtT_ByTheirExactValues_AlongRowsAndColumns(float a, float b, float threshold, int activePerLine, bool skipSilentMaps, bool onHost)
    {
        var (_, _, lambda) = BilinearUpsampling.Source(3, 3, 5);
        Assert.NotEqual(a + (lambda * (b - a)) > threshold, activePerLine == 4);
        using var scope = torch.NewDisposeScope();
        var cells = new float[] { 1, a, b };
        var everywhere = new ConceptMaskBatch(torch.ones(1, 5, 5, ScalarType.Bool), [0], [0]);
        foreach (var (height, width) in new[] { (1, 3), (3, 1) })
        {
            using var tally = new IouTally(torch.tensor(new[] { threshold }), 1, height, width, 5, skipSilentMaps, onHost);

            tally.Add(torch.tensor(cells, [1, 1, height, width]), everywhere);

            Assert.Equal((5L * activePerLine, 25L), (tally.Counts().Intersection(0, 0), tally.Counts().Union(0, 0)));
        }
    }

    [Fact]
    public void Add_ImageByImage_CountsTheSameAsOneBatch()
    {
        using var scope = torch.NewDisposeScope();
        using var together = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4);
        using var apart = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4);
        var activations = torch.tensor(Activations, [2, 2, 2, 2]);
        var masks = HandMasks();

        together.Add(activations, masks);
        apart.Add(activations.narrow(0, 0, 1), new ConceptMaskBatch(masks.Masks.narrow(0, 0, 2), [0, 0], [0, 1]));
        apart.Add(activations.narrow(0, 1, 1), new ConceptMaskBatch(masks.Masks.narrow(0, 2, 1), [0], [1]));

        Assert.Equal(together.Counts().Intersections, apart.Counts().Intersections);
        Assert.Equal(together.Counts().Unions, apart.Counts().Unions);
        Assert.Equal(2, apart.Images);
    }

    [Theory]
    [InlineData(1, 1, 7)]
    [InlineData(3, 3, 12)]
    [InlineData(4, 5, 16)]
    [InlineData(7, 7, 12)]
    public void Add_SkippingMapsWhoseMaximumIsAtMostT_GivesTheSameCounts(int height, int width, int size)
    {
        var dissection = new RandomDissectionCase(seed: height + size, units: 8, height, width, size, images: 17, quantile: 0.05, ties: true);
        using var scope = torch.NewDisposeScope();
        var thresholds = torch.tensor(new float[] { 2, 1.5f, 0, 3.5f, 5, -1, 1, 2.5f });
        using var skipping = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, height, width, size, skipSilentMaps: true);
        using var full = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, height, width, size, skipSilentMaps: false);

        skipping.Add(RandomDissectionCase.Batch(dissection.Local, 0, 17), dissection.MaskBatch(0, 17, ScalarType.Bool));
        full.Add(RandomDissectionCase.Batch(dissection.Local, 0, 17), dissection.MaskBatch(0, 17, ScalarType.Bool));

        Assert.Contains(skipping.Counts().Intersections, i => i > 0);
        Assert.Equal(full.Counts().Intersections, skipping.Counts().Intersections);
        Assert.Equal(full.Counts().Unions, skipping.Counts().Unions);
    }

    [Theory]
    [InlineData(1, 1, 7, true)]
    [InlineData(2, 2, 4, true)]
    [InlineData(3, 3, 12, true)]
    [InlineData(4, 4, 112, true)]
    [InlineData(4, 5, 16, false)]
    [InlineData(7, 7, 19, true)]
    [InlineData(5, 13, 37, true)]
    [InlineData(7, 7, 12, false)]
    [InlineData(2, 3, 150, true)]
    public void Add_OnTheHost_CountsTheSameAsWithTensorOperations(int height, int width, int size, bool skipSilentMaps)
    {
        // Ties between upsampled values and T_u included; S² not a multiple of 64, runs longer than a vector and than a word too.
        var dissection = new RandomDissectionCase(seed: (height * 31) + size, units: 8, height, width, size, images: 17, quantile: 0.05, ties: true);
        using var scope = torch.NewDisposeScope();
        var thresholds = torch.tensor(new float[] { 2, 1.5f, 0, 3.5f, 5, -1, 1, 2.5f });
        using var host = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, height, width, size, skipSilentMaps, onHost: true);
        using var tensors = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, height, width, size, skipSilentMaps, onHost: false);

        host.Add(RandomDissectionCase.Batch(dissection.Local, 0, 9), dissection.MaskBatch(0, 9, ScalarType.Byte));
        host.Add(RandomDissectionCase.Batch(dissection.Local, 9, 8), dissection.MaskBatch(9, 8, ScalarType.Float32));
        tensors.Add(RandomDissectionCase.Batch(dissection.Local, 0, 17), dissection.MaskBatch(0, 17, ScalarType.Bool));

        Assert.Contains(host.Counts().Intersections, i => i > 0);
        Assert.Equal(tensors.Counts().Intersections, host.Counts().Intersections);
        Assert.Equal(tensors.Counts().Unions, host.Counts().Unions);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Add_OnTheHost_TreatsNaNAndInfinityAsTheTensorPathDoes(bool skipSilentMaps)
    {
        using var scope = torch.NewDisposeScope();
        var values = (float[])Activations.Clone();
        values[1] = float.NaN;
        values[12] = float.PositiveInfinity;
        using var host = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4, skipSilentMaps, onHost: true);
        using var tensors = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4, skipSilentMaps, onHost: false);

        host.Add(torch.tensor(values, [2, 2, 2, 2]), HandMasks());
        tensors.Add(torch.tensor(values, [2, 2, 2, 2]), HandMasks());

        Assert.Equal(tensors.Counts().Intersections, host.Counts().Intersections);
        Assert.Equal(tensors.Counts().Unions, host.Counts().Unions);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Add_OfMaskBitmaps_CountsTheSameAsOfMaskTensors(bool onHost)
    {
        var dissection = new RandomDissectionCase(seed: 21, units: 8, height: 3, width: 5, tallySize: 13, images: 17, quantile: 0.05, ties: true);
        using var scope = torch.NewDisposeScope();
        var thresholds = torch.tensor(new float[] { 2, 1.5f, 0, 3.5f, 5, -1, 1, 2.5f });
        using var fromBitmaps = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, 3, 5, 13, skipSilentMaps: true, onHost);
        using var fromTensors = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, 3, 5, 13, skipSilentMaps: true, onHost: false);

        fromBitmaps.Add(RandomDissectionCase.Batch(dissection.Local, 0, 9), ConceptMaskBitmaps.From(dissection.MaskBatch(0, 9, ScalarType.Byte), 13));
        fromBitmaps.Add(RandomDissectionCase.Batch(dissection.Local, 9, 8), ConceptMaskBitmaps.From(dissection.MaskBatch(9, 8, ScalarType.Byte), 13));
        fromTensors.Add(RandomDissectionCase.Batch(dissection.Local, 0, 17), dissection.MaskBatch(0, 17, ScalarType.Byte));

        Assert.Contains(fromBitmaps.Counts().Intersections, i => i > 0);
        Assert.Equal(fromTensors.Counts().Intersections, fromBitmaps.Counts().Intersections);
        Assert.Equal(fromTensors.Counts().Unions, fromBitmaps.Counts().Unions);
        Assert.Equal(17, fromBitmaps.Images);
    }

    [Theory]
    [InlineData(4, 4, 112, true)]
    [InlineData(3, 3, 12, true)]
    [InlineData(7, 7, 19, true)]
    [InlineData(3, 3, 12, false)]
    public void Add_OnTheHost_OfFloat16Activations_CountsLikeTheTensorPathOnTheSameValues(int height, int width, int size, bool skipSilentMaps)
    {
        // Multiples of 0.5 tie with thresholds that are float16 values; the others (1.999, 2.0004, −0, 70000) lie
        // between float16 values or beyond them. 1.999 rounds up to the float16 1.99902, which must count as above
        // it: one map is −1 but for that value. NaN, ±∞ and −0 among the activations.
        var dissection = new RandomDissectionCase(seed: size + height, units: 8, height, width, size, images: 17, quantile: 0.05, ties: true);
        using var scope = torch.NewDisposeScope();
        var thresholds = torch.tensor(new float[] { 2, 1.5f, 1.999f, -0f, 2.0004f, -1, 70000, 2.5f });
        var half = RandomDissectionCase.Batch(dissection.Local, 0, 17).to(ScalarType.Float16);
        var carrier = Enumerable.Range(0, 17).First(n => dissection.Masks[n].Count > 0);
        half[carrier, 2] = torch.full(height, width, -1f).to(ScalarType.Float16);
        half[carrier, 2, 0, 0] = torch.tensor(1.99902344f).to(ScalarType.Float16);
        half[0, 0, 0, 0] = torch.tensor(float.NaN).to(ScalarType.Float16);
        half[1, 7, 0, 0] = torch.tensor(float.PositiveInfinity).to(ScalarType.Float16);
        half[2, 4, 0, 0] = torch.tensor(float.NegativeInfinity).to(ScalarType.Float16);
        half[3, 3, 0, 0] = torch.tensor(-0f).to(ScalarType.Float16);
        half[4, 6, 0, 0] = torch.tensor(65504f).to(ScalarType.Float16);
        using var host = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, height, width, size, skipSilentMaps, onHost: true);
        using var tensors = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, height, width, size, skipSilentMaps: false, onHost: false);

        host.Add(half, dissection.MaskBatch(0, 17, ScalarType.Byte));
        tensors.Add(half.to(ScalarType.Float32), dissection.MaskBatch(0, 17, ScalarType.Byte));

        Assert.Contains(host.Counts().Intersections, i => i > 0);
        Assert.Equal(tensors.Counts().Intersections, host.Counts().Intersections);
        Assert.Equal(tensors.Counts().Unions, host.Counts().Unions);
    }

    [Fact]
    public void Add_OnTheHost_CountsTheSame_OnOneThreadOrSeveral()
    {
        var dissection = new RandomDissectionCase(seed: 4, units: 8, height: 4, width: 4, tallySize: 16, images: 17, quantile: 0.05, ties: false);
        using var scope = torch.NewDisposeScope();
        var thresholds = torch.tensor(new float[] { 0.5f, 0.2f, 1, 2, 0, 1.5f, 0.8f, 2.5f });
        var threads = torch.get_num_threads();
        try
        {
            var counts = new[] { 1, 3 }.Select(t =>
            {
                torch.set_num_threads(t);
                using var tally = new IouTally(thresholds, RandomDissectionCase.Concepts.Count, 4, 4, 16);
                tally.Add(RandomDissectionCase.Batch(dissection.Local, 0, 9), dissection.MaskBatch(0, 9, ScalarType.Byte));
                tally.Add(RandomDissectionCase.Batch(dissection.Local, 9, 8), dissection.MaskBatch(9, 8, ScalarType.Byte));
                return tally.Counts();
            }).ToList();

            Assert.Contains(counts[0].Intersections, i => i > 0);
            Assert.Equal(counts[0].Intersections, counts[1].Intersections);
            Assert.Equal(counts[0].Unions, counts[1].Unions);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    [Fact]
    public void Merge_OfTwoShards_AsTalliesOrAsSavedCounts_EqualsOneTally()
    {
        var dissection = new RandomDissectionCase(seed: 8, units: 3, height: 3, width: 3, tallySize: 12, images: 17, quantile: 0.05, ties: true);
        using var scope = torch.NewDisposeScope();
        var thresholds = torch.tensor(new float[] { 2, 1.5f, 3 });
        var concepts = RandomDissectionCase.Concepts.Count;
        using var whole = new IouTally(thresholds, concepts, 3, 3, 12);
        using var first = new IouTally(thresholds, concepts, 3, 3, 12);
        using var second = new IouTally(thresholds, concepts, 3, 3, 12);
        whole.Add(RandomDissectionCase.Batch(dissection.Local, 0, 17), dissection.MaskBatch(0, 17, ScalarType.Byte));
        first.Add(RandomDissectionCase.Batch(dissection.Local, 0, 8), dissection.MaskBatch(0, 8, ScalarType.Byte));
        second.Add(RandomDissectionCase.Batch(dissection.Local, 8, 9), dissection.MaskBatch(8, 9, ScalarType.Byte));

        var savedFirst = first.Counts();
        var savedSecond = second.Counts();
        first.Merge(second);

        Assert.Equal(whole.Counts().Intersections, first.Counts().Intersections);
        Assert.Equal(whole.Counts().Unions, first.Counts().Unions);
        Assert.Equal(17, first.Images);
        var merged = savedFirst.Merge(savedSecond);
        Assert.Equal(whole.Counts().Intersections, merged.Intersections);
        Assert.Equal(whole.Counts().Unions, merged.Unions);
        Assert.Equal(17, merged.Images);
    }

    [Fact]
    public void Add_OfFloat16Activations_CountsLikeTheSameValuesInFloat32()
    {
        using var scope = torch.NewDisposeScope();
        using var single = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4);
        using var half = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4);
        var activations = torch.tensor(Activations, [2, 2, 2, 2]);

        single.Add(activations, HandMasks());
        half.Add(activations.to(ScalarType.Float16), HandMasks());

        Assert.Equal(single.Counts().Intersections, half.Counts().Intersections);
        Assert.Equal(single.Counts().Unions, half.Counts().Unions);
    }

    [Theory]
    [InlineData(ScalarType.Float32, 0.5, 4, true)]
    [InlineData(ScalarType.Float32, -1.0, 4, false)]
    [InlineData(ScalarType.Byte, 2.0, 4, true)]
    [InlineData(ScalarType.Byte, 255.0, 9, true)]
    [InlineData(ScalarType.Byte, 2.0, 9, false)]
    [InlineData(ScalarType.Int32, -1.0, 4, true)]
    public void Add_Throws_ForMasksThatAreNotBinary(ScalarType type, double value, int size, bool onHost)
    {
        using var scope = torch.NewDisposeScope();
        using var tally = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, size, skipSilentMaps: true, onHost);
        var values = torch.zeros(1, size, size, type);
        values[0, 1, 1] = torch.tensor(value).to(type);
        var masks = new ConceptMaskBatch(values, [0], [0]);

        Assert.Throws<ArgumentException>(() => tally.Add(torch.tensor(Activations, [2, 2, 2, 2]), masks));
    }

    [Fact]
    public void Add_Throws_WhenAnImageCarriesAConceptTwice()
    {
        using var scope = torch.NewDisposeScope();
        using var tally = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4);
        var masks = new ConceptMaskBatch(torch.zeros(2, 4, 4), [1, 1], [2, 2]);

        Assert.Throws<ArgumentException>(() => tally.Add(torch.tensor(Activations, [2, 2, 2, 2]), masks));
    }

    [Fact]
    public void Add_Throws_ForMasksNotAtTheTallySize()
    {
        using var scope = torch.NewDisposeScope();
        using var tally = new IouTally(torch.tensor(new float[] { 8, 0 }), 3, 2, 2, 4);
        var masks = new ConceptMaskBatch(torch.zeros(1, 5, 5), [0], [0]);

        Assert.Throws<ArgumentException>(() => tally.Add(torch.tensor(Activations, [2, 2, 2, 2]), masks));
    }

    private static ConceptMaskBatch HandMasks()
    {
        var bottomRow = new float[16];
        var leftColumn = new float[16];
        var topLeft = new float[16];
        for (var i = 0; i < 4; i++)
        {
            bottomRow[12 + i] = 1;
            leftColumn[4 * i] = 1;
        }

        topLeft[0] = topLeft[1] = topLeft[4] = topLeft[5] = 1;
        var masks = torch.tensor(bottomRow.Concat(leftColumn).Concat(topLeft).ToArray(), [3, 4, 4]).to(ScalarType.Bool);
        return new ConceptMaskBatch(masks, [0, 0, 1], [0, 1, 1]);
    }
}
