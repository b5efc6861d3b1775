using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class ActivationThresholdsTests
{
    [Theory]
    [InlineData(0.005, 1000, 5)]
    [InlineData(0.005, 100, 1)]
    [InlineData(0.5, 7, 3)]
    [InlineData(1.0, 4, 4)]
    [InlineData(0.29, 100, 29)] // 28.999999999999996 in float64
    [InlineData(0.57, 100, 57)]
    [InlineData(0.29, 300, 87)]
    [InlineData(0.005, 2_000_000_000_000, 10_000_000_000)]
    public void TopCountFor_IsFloorOfQTimesValuesButAtLeastOne(double quantile, long values, long expected)
    {
        Assert.Equal(expected, ActivationThresholds.TopCountFor(quantile, values));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void TopCountFor_Throws_ForAQuantileOutsideZeroToOne(double quantile)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationThresholds.TopCountFor(quantile, 10));
    }

    [Fact]
    public void Thresholds_IsTheKthLargestValue_CountingTiesWithMultiplicity()
    {
        using var scope = torch.NewDisposeScope();

        // Two images of 1×3 maps. Unit 0: 5,5,5,3,1,0; unit 1: 2,2,2,2,7,1.
        var batch = torch.tensor(new float[] { 5, 5, 1, 2, 7, 2, 5, 3, 0, 2, 2, 1 }, [2, 2, 1, 3]);
        using var two = new ActivationThresholds(2, 2, topCount: 2);
        using var four = new ActivationThresholds(2, 2, topCount: 4);
        two.Add(batch);
        four.Add(batch);

        Assert.Equal(new float[] { 5, 2 }, two.Thresholds().data<float>().ToArray());
        Assert.Equal(new float[] { 3, 2 }, four.Thresholds().data<float>().ToArray());
    }

    [Fact]
    public void Add_KeepsPerImageMaximaAndMinima_InImageOrder()
    {
        using var scope = torch.NewDisposeScope();
        using var thresholds = new ActivationThresholds(2, 3, topCount: 1);
        thresholds.Add(torch.tensor(new float[] { 1, 4, -2, 0, 3, 3, 3, 3 }, [2, 2, 2, 1]));
        thresholds.Add(torch.tensor(new float[] { 9, -9, 0.5f, 0.25f }, [1, 2, 2, 1]));

        Assert.Equal(new float[] { 4, 0, 3, 3, 9, 0.5f }, thresholds.Extremes.Maxima.data<float>().ToArray());
        Assert.Equal(new float[] { 1, -2, 3, 3, -9, 0.25f }, thresholds.Extremes.Minima.data<float>().ToArray());
    }

    [Fact]
    public void Add_InBatchesOfAnySize_GivesTheSameThresholdsAndExtremes()
    {
        using var scope = torch.NewDisposeScope();
        var values = RandomValues(seed: 1, images: 17, units: 4, height: 3, width: 5);
        var k = ActivationThresholds.TopCountFor(0.05, 17 * 15);
        using var whole = new ActivationThresholds(4, 17, k);
        using var pieces = new ActivationThresholds(4, 17, k);
        whole.Add(values);
        foreach (var (start, count) in new[] { (0, 1), (1, 5), (6, 2), (8, 9) })
        {
            pieces.Add(values.narrow(0, start, count));
        }

        Assert.Equal(whole.Thresholds().data<float>().ToArray(), pieces.Thresholds().data<float>().ToArray());
        Assert.Equal(whole.Extremes.Maxima.data<float>().ToArray(), pieces.Extremes.Maxima.data<float>().ToArray());
        Assert.Equal(whole.Extremes.Minima.data<float>().ToArray(), pieces.Extremes.Minima.data<float>().ToArray());
    }

    [Fact]
    public void Merge_OfTwoShards_EqualsOneStream()
    {
        using var scope = torch.NewDisposeScope();
        var values = RandomValues(seed: 2, images: 17, units: 3, height: 4, width: 4);
        var k = ActivationThresholds.TopCountFor(0.1, 17 * 16);
        using var stream = new ActivationThresholds(3, 17, k);
        stream.Add(values);
        using var first = new ActivationThresholds(3, 7, k);
        using var second = new ActivationThresholds(3, 10, k);
        first.Add(values.narrow(0, 0, 7));
        second.Add(values.narrow(0, 7, 10));

        first.Merge(second);

        Assert.Equal(17, first.Extremes.Images);
        Assert.Equal(stream.Thresholds().data<float>().ToArray(), first.Thresholds().data<float>().ToArray());
        Assert.Equal(stream.Extremes.Maxima.data<float>().ToArray(), first.Extremes.Maxima.data<float>().ToArray());
        Assert.Equal(stream.Extremes.Minima.data<float>().ToArray(), first.Extremes.Minima.data<float>().ToArray());
    }

    [Fact]
    public void Restore_FromTheSavedState_GivesTheSameThresholdsAndExtremes()
    {
        using var scope = torch.NewDisposeScope();
        var values = RandomValues(seed: 3, images: 5, units: 2, height: 3, width: 3);
        using var original = new ActivationThresholds(2, 5, topCount: 4);
        original.Add(values);

        using var restored = ActivationThresholds.Restore(original.TopValues, original.Extremes.Maxima, original.Extremes.Minima, 4);

        Assert.Equal(original.Thresholds().data<float>().ToArray(), restored.Thresholds().data<float>().ToArray());
        Assert.Equal(original.Extremes.Maxima.data<float>().ToArray(), restored.Extremes.Maxima.data<float>().ToArray());
    }

    [Fact]
    public void Add_OfFloat16Activations_GivesTheThresholdsOfTheSameValuesInFloat32()
    {
        using var scope = torch.NewDisposeScope();
        var values = RandomValues(seed: 4, images: 6, units: 3, height: 2, width: 2);
        using var single = new ActivationThresholds(3, 6, topCount: 3);
        using var half = new ActivationThresholds(3, 6, topCount: 3);
        single.Add(values);
        half.Add(values.to(ScalarType.Float16));

        Assert.Equal(single.Thresholds().data<float>().ToArray(), half.Thresholds().data<float>().ToArray());
    }

    [Fact]
    public void Thresholds_Throws_BeforeEveryDeclaredImageIsAdded()
    {
        using var scope = torch.NewDisposeScope();
        using var thresholds = new ActivationThresholds(2, 3, topCount: 1);
        thresholds.Add(RandomValues(seed: 5, images: 2, units: 2, height: 2, width: 2));

        Assert.Throws<InvalidOperationException>(() => thresholds.Thresholds());
    }

    [Fact]
    public void Thresholds_Throws_WhenFewerThanKValuesWereSeen()
    {
        using var scope = torch.NewDisposeScope();
        using var thresholds = new ActivationThresholds(1, 1, topCount: 5);
        thresholds.Add(RandomValues(seed: 6, images: 1, units: 1, height: 2, width: 2));

        Assert.Throws<InvalidOperationException>(() => thresholds.Thresholds());
    }

    [Fact]
    public void Add_Throws_WhenTheMapSizeChangesBetweenBatches()
    {
        using var scope = torch.NewDisposeScope();
        using var thresholds = new ActivationThresholds(1, 2, topCount: 1);
        thresholds.Add(RandomValues(seed: 7, images: 1, units: 1, height: 2, width: 2));

        Assert.Throws<ArgumentException>(() => thresholds.Add(RandomValues(seed: 8, images: 1, units: 1, height: 3, width: 2)));
    }

    /// <summary>Multiples of 0.5 in [−2, 5.5]: many exact ties.</summary>
    internal static Tensor RandomValues(int seed, int images, int units, int height, int width)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, images * units * height * width).Select(_ => random.Next(-4, 12) / 2f).ToArray();
        return torch.tensor(values, [images, units, height, width]);
    }
}
