using HndGate.Engine.Dissection;
using HndGate.Engine.Results;
using HndGate.Engine.Tests.Dissection;
using HndGate.Engine.Tests.Dissection.Bootstrap;

namespace HndGate.Engine.Tests.Results;

[Collection("Torch")]
public sealed class LayerMetricsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Keys_AreTheKeysOfADissectedLayersMetrics_InTheSameOrder(int seed)
    {
        var dissection = new RandomDissectionCase(seed, units: 5, height: 3, width: 3, tallySize: 12, images: 11, quantile: 0.2, ties: false, planted: true);
        using var streamed = new StreamedCase(dissection, new DissectionParameters(), maxBatch: 4);

        var keys = LayerMetrics.Keys(dissection.Structure);

        Assert.Equal(LayerMetrics.Of(streamed.Whole.Summary).Select(m => m.Key), keys);
        Assert.Contains("biased_ratio[" + dissection.Structure.Families[0].Name + "]", keys);
    }

    [Fact]
    public void Key_PutsEachIndexInBrackets()
    {
        Assert.Equal("local_global[Smile][gender][female]", LayerMetrics.Key("local_global", "Smile", "gender", "female"));
        Assert.Equal("coverage_hnd", LayerMetrics.Key("coverage_hnd"));
    }
}
