using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Bootstrap;
using HndGate.Engine.Results;
using Xunit;
using Xunit.Abstractions;

namespace HndGate.Engine.Tests.Dissection.Bootstrap;

[Collection("Torch")]
public sealed class PercentileBootstrapTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.025, 1.1)] // h = 4·0.025 = 0.1: x0 + 0.1·(x1 − x0)
    [InlineData(0.975, 4.9)] // h = 3.9: x3 + 0.9·(x4 − x3)
    [InlineData(0.5, 3.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 5.0)]
    public void Percentile_InterpolatesBetweenOrderStatistics(double p, double expected)
    {
        Assert.Equal(expected, PercentileBootstrap.Percentile([1, 2, 3, 4, 5], p), 12);
    }

    [Fact]
    public void Percentile_OfOneValue_IsThatValue()
    {
        Assert.Equal(0.25, PercentileBootstrap.Percentile([0.25], 0.025));
        Assert.Equal(0.25, PercentileBootstrap.Percentile([0.25], 0.975));
    }

    [Fact]
    public void Run_GivesIdenticalIntervals_ForTheSameSeed_AndOthersForAnotherSeed()
    {
        var dissection = new RandomDissectionCase(seed: 8, units: 8, height: 3, width: 3, tallySize: 12, images: 24, quantile: 0.2, ties: false, subgroupImages: 4);
        var parameters = new DissectionParameters { IouThreshold = 0.02 };
        using var streamed = new StreamedCase(dissection, parameters, maxBatch: 7);

        var first = PercentileBootstrap.Run([streamed.Layer], dissection.Structure, parameters.IouThreshold, replicates: 30, seed: 1);
        var again = PercentileBootstrap.Run([streamed.Layer], dissection.Structure, parameters.IouThreshold, replicates: 30, seed: 1);
        var other = PercentileBootstrap.Run([streamed.Layer], dissection.Structure, parameters.IouThreshold, replicates: 30, seed: 2);

        Assert.Equal(first.Layers[0].Metrics, again.Layers[0].Metrics);
        Assert.NotEqual(first.Layers[0].Metrics, other.Layers[0].Metrics);
        Assert.Equal((30, 1L, 0.95, "layer"), (first.Replicates, first.Seed, first.Level, first.Layers[0].Layer));
        Assert.Equal(LayerMetrics.Of(streamed.Whole.Summary).Select(m => m.Key), first.Layers[0].Metrics.Select(m => m.Key));
        Assert.All(first.Layers[0].Metrics, m => Assert.True(m.Lower <= m.Upper, $"{m.Key}: {m.Lower} > {m.Upper}"));
    }

    [Fact]
    public void Run_GivesNarrowerIntervals_WhenTheDictionaryHasFourTimesTheImages()
    {
        double TotalWidth(int images, int subgroupImages)
        {
            var dissection = new RandomDissectionCase(seed: 12, units: 16, height: 3, width: 3, tallySize: 9, images, quantile: 0.2, ties: false, subgroupImages: subgroupImages);
            var parameters = new DissectionParameters { IouThreshold = 0.02 };
            using var streamed = new StreamedCase(dissection, parameters, maxBatch: 16);
            var intervals = PercentileBootstrap.Run([streamed.Layer], dissection.Structure, parameters.IouThreshold, replicates: 40, seed: 3);

            // Ratios and unit counts on one scale: every metric as a fraction of the layer's units.
            var ratios = LayerMetrics.Of(streamed.Whole.Summary).Select(m => m.Key.StartsWith("coverage", StringComparison.Ordinal) || m.Key.StartsWith("biased_ratio", StringComparison.Ordinal)).ToArray();
            return intervals.Layers[0].Metrics.Select((m, i) => (m.Upper - m.Lower) / (ratios[i] ? 1 : dissection.Units)).Sum();
        }

        var small = TotalWidth(images: 20, subgroupImages: 5);
        var large = TotalWidth(images: 80, subgroupImages: 20);
        output.WriteLine($"total width: {small} with 20 local images and 5 a subgroup; {large} with 4 times as many");

        Assert.True(small > 0, "the small dictionary's intervals have no width: the check would be empty");
        Assert.True(large < small * 0.75, $"total width {large} at 4× the images is not clearly below {small}");
    }
}
