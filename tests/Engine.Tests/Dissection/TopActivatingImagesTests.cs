using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class TopActivatingImagesTests
{
    [Fact]
    public void Find_TakesTheLargestMaxima_TiesToTheLowerImageIndex()
    {
        using var scope = torch.NewDisposeScope();
        var maxima = torch.tensor(new float[] { 3, 5, 5, 1, 5 }, [5, 1]);

        var top = TopActivatingImages.Find(maxima, 2).Single();

        Assert.Equal([new TopImage(1, 5), new TopImage(2, 5)], top);
    }

    [Fact]
    public void Find_ReturnsEveryImage_WhenThereAreFewerThanAsked()
    {
        using var scope = torch.NewDisposeScope();
        var maxima = torch.tensor(new float[] { 3, 2, 5, 1, 5, 2 }, [3, 2]);

        var top = TopActivatingImages.Find(maxima, 5);

        Assert.Equal([1, 2, 0], top[0].Select(t => t.LocalImage));
        Assert.Equal([0, 2, 1], top[1].Select(t => t.LocalImage));
    }
}
