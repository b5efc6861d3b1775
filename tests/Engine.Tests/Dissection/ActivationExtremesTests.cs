using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class ActivationExtremesTests
{
    [Fact]
    public void Merge_AppendsTheLaterShardsImagesAfterThisOnes()
    {
        using var scope = torch.NewDisposeScope();
        using var first = new ActivationExtremes(1, 1);
        using var second = new ActivationExtremes(1, 2);
        first.Add(torch.tensor(new float[] { 1, 2 }, [1, 1, 1, 2]));
        second.Add(torch.tensor(new float[] { 3, 4, -5, -6 }, [2, 1, 1, 2]));

        first.Merge(second);

        Assert.Equal(3, first.Images);
        Assert.Equal(new float[] { 2, 4, -5 }, first.Maxima.data<float>().ToArray());
        Assert.Equal(new float[] { 1, 3, -6 }, first.Minima.data<float>().ToArray());
    }

    [Fact]
    public void Add_Throws_WhenMoreImagesArriveThanDeclared()
    {
        using var scope = torch.NewDisposeScope();
        using var extremes = new ActivationExtremes(2, 1);

        Assert.Throws<InvalidOperationException>(() => extremes.Add(torch.zeros(2, 2, 1, 1)));
    }

    [Fact]
    public void Add_Throws_ForActivationsWithTheWrongNumberOfUnits()
    {
        using var scope = torch.NewDisposeScope();
        using var extremes = new ActivationExtremes(2, 1);

        Assert.Throws<ArgumentException>(() => extremes.Add(torch.zeros(1, 3, 1, 1)));
    }

    [Fact]
    public void Maxima_Throws_UntilEveryDeclaredImageIsAdded()
    {
        using var scope = torch.NewDisposeScope();
        using var extremes = new ActivationExtremes(1, 2);
        extremes.Add(torch.zeros(1, 1, 1, 1));

        Assert.Throws<InvalidOperationException>(() => extremes.Maxima);
    }
}
