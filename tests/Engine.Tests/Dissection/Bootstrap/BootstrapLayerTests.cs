using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Bootstrap;
using HndGate.Engine.Results;
using Xunit;

namespace HndGate.Engine.Tests.Dissection.Bootstrap;

[Collection("Torch")]
public sealed class BootstrapLayerTests
{
    // The same stages on the same values: only float64 sums taken in another order could differ.
    private const double Tolerance = 1e-12;

    public static TheoryData<int, bool, bool> Cases() => new()
    {
        { 1, true, false },
        { 2, false, false },
        { 3, true, true },
        { 4, false, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Summarise_TheReplicateThatDrawsEveryImageOnce_IsTheWholeDictionarysSummary(int seed, bool ties, bool planted)
    {
        var dissection = new RandomDissectionCase(seed, units: 6, height: 3, width: 3, tallySize: 12, images: 17, quantile: 0.2, ties, planted);
        var parameters = new DissectionParameters { IouThreshold = 0.02 };
        using var streamed = new StreamedCase(dissection, parameters, maxBatch: 5);

        var summary = streamed.Layer.Summarise(BootstrapReplicate.Whole(BootstrapStrata.Of(dissection.Structure)), dissection.Structure, parameters.IouThreshold);

        AssertSameMetrics(LayerMetrics.Of(streamed.Whole.Summary), LayerMetrics.Of(summary));
        Assert.Equal(streamed.Whole.Summary.CoverageNetDissect, summary.CoverageNetDissect);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Summarise_AReplicate_EqualsTheDissectionOfItsImagesRepeatedAsDrawn(int seed, bool ties, bool planted)
    {
        var dissection = new RandomDissectionCase(seed, units: 6, height: 3, width: 3, tallySize: 12, images: 17, quantile: 0.2, ties, planted);
        var parameters = new DissectionParameters { IouThreshold = 0.02 };
        using var streamed = new StreamedCase(dissection, parameters, maxBatch: 5);
        var strata = BootstrapStrata.Of(dissection.Structure);

        var differing = 0;
        for (var b = 0; b < 4; b++)
        {
            var replicate = BootstrapReplicate.Draw(strata, seed: 100 + seed, b);
            Assert.Contains(replicate.LocalCounts, w => w >= 2);

            var summary = streamed.Layer.Summarise(replicate, dissection.Structure, parameters.IouThreshold);

            var metrics = LayerMetrics.Of(summary);
            AssertSameMetrics(DrawnCase.Metrics(streamed, replicate, parameters), metrics);
            differing += metrics.Zip(LayerMetrics.Of(streamed.Whole.Summary)).Any(p => p.First.Value != p.Second.Value) ? 1 : 0;
        }

        // The replicates are not the dictionary itself: the check compares something that moved.
        Assert.True(differing > 0, "every replicate gave the whole dictionary's metrics");
    }

    private static void AssertSameMetrics(IReadOnlyList<MetricValue> expected, IReadOnlyList<MetricValue> actual)
    {
        Assert.Equal(expected.Select(m => m.Key), actual.Select(m => m.Key));
        Assert.All(expected.Zip(actual), p => Assert.True(Math.Abs(p.First.Value - p.Second.Value) <= Tolerance, $"{p.First.Key}: {p.First.Value} vs {p.Second.Value}"));
    }
}
