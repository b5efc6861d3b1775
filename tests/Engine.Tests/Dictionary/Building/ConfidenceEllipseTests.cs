using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Tests.Dictionary.Building;

public sealed class ConfidenceEllipseTests
{
    // χ²₂(0.95) = −2 ln 0.05, by hand.
    private const double Chi2At95 = 5.991464547107979;

    // p = 1 − e^(−1/2) makes χ²₂(p) = 1, so each semi-axis is the standard deviation along its axis.
    private static readonly double OneSigma = 1 - Math.Exp(-0.5);

    [Fact]
    public void ChiSquareQuantile2_IsMinusTwoLogOfTheTail_ForHandPickedLevels()
    {
        Assert.Equal(Chi2At95, ConfidenceEllipse.ChiSquareQuantile2(0.95), 12);
        Assert.Equal(1.0, ConfidenceEllipse.ChiSquareQuantile2(OneSigma), 12);
        Assert.Equal(2 * Math.Log(10), ConfidenceEllipse.ChiSquareQuantile2(0.9), 12);
    }

    [Fact]
    public void Fit_GivesMeanAndPopulationAxes_ForAxisAlignedFourPoints()
    {
        // (±2, 0) and (0, ±1) around (10, 20): var x = (4 + 4) / 4 = 2, var y = (1 + 1) / 4 = 0.5, cov 0.
        var e = ConfidenceEllipse.Fit([new(12, 20), new(8, 20), new(10, 21), new(10, 19)], 0.95, 0);

        Assert.Equal(10, e.CentreX, 12);
        Assert.Equal(20, e.CentreY, 12);
        Assert.Equal(Math.Sqrt(Chi2At95 * 2), e.SemiMajor, 12);
        Assert.Equal(Math.Sqrt(Chi2At95 * 0.5), e.SemiMinor, 12);
        Assert.Equal(0, e.Angle, 12);
    }

    [Fact]
    public void Fit_FindsTheRotatedAxes_ForTheSameSetTurnedBy30Degrees()
    {
        // The set above turned by 30°: (±2cos30, ±2sin30) and (∓sin30, ±cos30) around (5, 5).
        var c = Math.Cos(Math.PI / 6);
        var s = Math.Sin(Math.PI / 6);
        var e = ConfidenceEllipse.Fit(
            [new(5 + (2 * c), 5 + (2 * s)), new(5 - (2 * c), 5 - (2 * s)), new(5 - s, 5 + c), new(5 + s, 5 - c)],
            OneSigma,
            0);

        Assert.Equal(5, e.CentreX, 12);
        Assert.Equal(5, e.CentreY, 12);
        Assert.Equal(Math.Sqrt(2), e.SemiMajor, 12);
        Assert.Equal(Math.Sqrt(0.5), e.SemiMinor, 12);
        Assert.Equal(Math.PI / 6, e.Angle, 12);
    }

    [Fact]
    public void Fit_PointsTheMajorAxisDownLeft_ForAPositiveNegativeDiagonal()
    {
        // Points on the line y = −x: all variance along (1, −1)/√2, i.e. −45°; none across it.
        var e = ConfidenceEllipse.Fit([new(0, 0), new(1, -1), new(2, -2), new(3, -3)], OneSigma, 0.25);

        Assert.Equal(-Math.PI / 4, e.Angle, 12);
        Assert.Equal(Math.Sqrt(2 * 1.25), e.SemiMajor, 12); // var along the line: 2 · var(x) = 2 · 1.25
        Assert.Equal(0.25, e.SemiMinor, 12); // collinear: the floor
    }

    [Fact]
    public void Fit_UsesTheFloorForBothAxes_ForOnePoint()
    {
        var e = ConfidenceEllipse.Fit([new(3.5, 4)], 0.95, 1.0);

        Assert.Equal((3.5, 4.0, 1.0, 1.0), (e.CentreX, e.CentreY, e.SemiMajor, e.SemiMinor));
        var mask = e.Rasterise(8, 8);
        Assert.Equal(2, mask.Area); // the pixel centres within 1 px of (3.5, 4) are (3, 4) and (4, 4); (3, 3) is 1.12 away
        Assert.True(mask[3, 4] && mask[4, 4]);
    }

    [Theory]
    [InlineData(13, 20, true)] // 3 < a = 3.46 on the major axis
    [InlineData(14, 20, false)]
    [InlineData(10, 21, true)] // 1 < b = 1.73 on the minor axis
    [InlineData(10, 22, false)]
    [InlineData(12, 21, true)] // (2/3.46)² + (1/1.73)² = 0.67
    [InlineData(13, 21, false)] // (3/3.46)² + (1/1.73)² = 1.08
    public void Rasterise_SetsAPixelWhenItsCentreIsInside_ForChosenPixels(int x, int y, bool inside)
    {
        var e = ConfidenceEllipse.Fit([new(12, 20), new(8, 20), new(10, 21), new(10, 19)], 0.95, 0);

        Assert.Equal(inside, e.Rasterise(32, 32)[x, y]);
    }

    [Fact]
    public void Rasterise_AgreesWithANaiveEquationTest_ForARotatedEllipse()
    {
        var e = new ConfidenceEllipse(15.3, 9.7, 7.2, 2.9, 0.7);
        var mask = e.Rasterise(32, 24);

        var expected = 0;
        for (var y = 0; y < 24; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                var dx = x - 15.3;
                var dy = y - 9.7;
                var u = (dx * Math.Cos(0.7)) + (dy * Math.Sin(0.7));
                var v = (-dx * Math.Sin(0.7)) + (dy * Math.Cos(0.7));
                var inside = (u * u / (7.2 * 7.2)) + (v * v / (2.9 * 2.9)) <= 1;
                Assert.Equal(inside, mask[x, y]);
                expected += inside ? 1 : 0;
            }
        }

        Assert.Equal(expected, mask.Area);
        Assert.InRange(expected, 50, 80); // π · 7.2 · 2.9 ≈ 65.6
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void Fit_Throws_ForAConfidenceOutsideTheOpenUnitInterval(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceEllipse.Fit([new(1, 1), new(2, 3)], p, 1));
    }
}
