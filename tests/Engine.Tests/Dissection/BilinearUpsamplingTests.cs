using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class BilinearUpsamplingTests
{
    [Fact]
    public void Apply_2x2To4x4_GivesTheHandComputedAlignCornersFalseValues()
    {
        // Along an axis of 2 → 4 cells, src = (d + 0.5)/2 − 0.5 = −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to
        // the last cell): [a, b] → [a, 0.75a + 0.25b, 0.25a + 0.75b, b].
        using var scope = torch.NewDisposeScope();
        using var upsampling = new BilinearUpsampling(2, 2, 4, 4);
        var map = torch.tensor(new float[] { 0, 4, 8, 12 }, [1, 2, 2]);

        var result = upsampling.Apply(map).data<float>().ToArray();

        float[] expected =
        [
            0, 1, 3, 4,
            2, 3, 5, 6,
            6, 7, 9, 10,
            8, 9, 11, 12,
        ];
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(0, 2, 4, 0, 1, 0f)]
    [InlineData(1, 2, 4, 0, 1, 0.25f)]
    [InlineData(3, 2, 4, 1, 1, 0.25f)]
    [InlineData(0, 1, 7, 0, 0, 0f)]
    [InlineData(5, 3, 7, 1, 2, 6f / 7)]
    [InlineData(6, 3, 7, 2, 2, 2f / 7)]
    public void Source_FollowsHalfPixelCentresClampedAtBothEnds(int d, int input, int output, int i0, int i1, float lambda)
    {
        Assert.Equal((i0, i1, lambda), BilinearUpsampling.Source(d, input, output));
    }

    [Fact]
    public void Apply_KeepsAFlatMapExactly_WhenTheWeightsAreNotDyadic()
    {
        using var scope = torch.NewDisposeScope();
        using var upsampling = new BilinearUpsampling(3, 5, 7, 16);
        var map = torch.full(2, 3, 5, 0.1f);

        var result = upsampling.Apply(map).data<float>().ToArray();

        Assert.All(result, v => Assert.Equal(0.1f, v));
    }

    [Fact]
    public void Apply_NeverLeavesTheRangeOfTheSourceMap()
    {
        using var scope = torch.NewDisposeScope();
        using var upsampling = new BilinearUpsampling(7, 7, 12, 12);
        var random = new Random(1);
        var maps = torch.tensor(Enumerable.Range(0, 50 * 49).Select(_ => (float)Math.Exp((random.NextDouble() * 60) - 30) * (random.Next(2) * 2 - 1)).ToArray(), [50, 7, 7]);

        var result = upsampling.Apply(maps);

        Assert.True(result.amax([1, 2]).le(maps.amax([1, 2])).all().item<bool>());
        Assert.True(result.amin([1, 2]).ge(maps.amin([1, 2])).all().item<bool>());
    }

    [Theory]
    [InlineData(1, 1, 7)]
    [InlineData(3, 3, 12)]
    [InlineData(4, 5, 16)]
    [InlineData(7, 7, 112)]
    public void Apply_AgreesWithTorchInterpolate_WithinFloat32Rounding(int height, int width, int size)
    {
        using var scope = torch.NewDisposeScope();
        using var upsampling = new BilinearUpsampling(height, width, size, size);
        var random = new Random(height * width * size);
        var maps = torch.tensor(Enumerable.Range(0, 3 * height * width).Select(_ => (float)random.NextDouble() * 10).ToArray(), [3, height, width]);

        var ours = upsampling.Apply(maps);
        var theirs = torch.nn.functional.interpolate(maps.unsqueeze(0), [size, size], mode: InterpolationMode.Bilinear, align_corners: false).squeeze(0);

        Assert.True(ours.allclose(theirs, rtol: 1e-5, atol: 1e-5));
    }
}
