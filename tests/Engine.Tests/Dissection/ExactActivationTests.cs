using HndGate.Engine.Dissection;

namespace HndGate.Engine.Tests.Dissection;

public sealed class ExactActivationTests
{
    [Theory]
    // 0.75·0.5 + 0.25·(−1.5) = 0 exactly: not above 0, above anything below it.
    [InlineData(0.5f, -1.5f, 0f, false)]
    [InlineData(0.5f, -1.5f, -1e-30f, true)]
    [InlineData(0.5f, -1.5f, 1e-30f, false)]
    // Subnormal cells and threshold: 0.75·2^−149·4 + 0.25·(−2^−149·12) = 0.
    [InlineData(4 * float.Epsilon, -12 * float.Epsilon, 0f, false)]
    [InlineData(4 * float.Epsilon, -12 * float.Epsilon, -float.Epsilon, true)]
    public void IsAbove_ComparesTheExactWeightedSum_AlongOneAxis(float a, float b, float threshold, bool expected)
    {
        // λ_x = 1/4, λ_y = 0: v = 0.75·a + 0.25·b.
        Assert.Equal(expected, ExactActivation.IsAbove(a, b, 1000f, 1000f, 0, 8, 1, 4, threshold));
    }

    [Fact]
    public void IsAbove_KeepsEveryBit_OfCellsFarApartInMagnitude()
    {
        // 0.75·2^100 + 0.25·2^−100 lies 2^−102 above 0.75·2^100 = 3·2^98, far below float32's resolution there.
        Assert.True(ExactActivation.IsAbove(MathF.ScaleB(1, 100), MathF.ScaleB(1, -100), 0, 0, 0, 8, 1, 4, MathF.ScaleB(3, 98)));
        Assert.False(ExactActivation.IsAbove(MathF.ScaleB(1, 100), -MathF.ScaleB(1, -100), 0, 0, 0, 8, 1, 4, MathF.ScaleB(3, 98)));
    }

    [Fact]
    public void IsAbove_WeighsAllFourCells()
    {
        // λ_y = 1/3, λ_x = 1/5: weights 8/15, 2/15, 4/15, 1/15 of cells 3, −6, −3, −6 give (24 − 12 − 12 − 6)/15 = −0.4.
        Assert.True(ExactActivation.IsAbove(3, -6, -3, -6, 1, 3, 1, 5, -0.41f));
        Assert.False(ExactActivation.IsAbove(3, -6, -3, -6, 1, 3, 1, 5, -0.39f));
    }

    [Fact]
    public void Tolerance_Exceeds_TheFloat32ErrorOfEveryPixel_OnRandomCells()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var cells = Enumerable.Range(0, 4).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-20, 20)))).ToArray();
            var (ny, nx, d) = (random.Next(0, 97), random.Next(0, 97), 97L);
            var (ly, lx) = ((float)ny / d, (float)nx / d);
            var top = cells[0] + (lx * (cells[1] - cells[0]));
            var bottom = cells[2] + (lx * (cells[3] - cells[2]));
            var value = top + (ly * (bottom - top));
            var exact = ((1 - ((double)ny / d)) * ((1 - ((double)nx / d)) * cells[0] + ((double)nx / d * cells[1])))
                + ((double)ny / d * ((1 - ((double)nx / d)) * cells[2] + ((double)nx / d * cells[3])));
            var tolerance = ExactActivation.Tolerance(cells.Max(Math.Abs));

            Assert.InRange(Math.Abs(value - exact), 0, tolerance / 4);
        }
    }
}
