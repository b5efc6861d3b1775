using HndGate.Engine.Results;
using Xunit;

namespace HndGate.Engine.Tests.Results;

public sealed class ResultRoundingTests
{
    [Theory]
    [InlineData(0.1234567, 0.123457)]
    [InlineData(123456789.0, 123457000.0)]
    [InlineData(1e-7, 1e-7)]
    [InlineData(0.1, 0.1)]
    [InlineData(0.30000000000000004, 0.3)]
    [InlineData(-2.0000004, -2.0)]
    [InlineData(-0.0000123456789, -0.0000123457)]
    [InlineData(0.99999951, 1.0)]
    [InlineData(1234565.0, 1234560.0)] // an exact tie goes to the even digit
    [InlineData(1234575.0, 1234580.0)]
    [InlineData(1234565.0000001, 1234570.0)] // just above the tie
    public void Round_KeepsSixSignificantDigits(double value, double rounded)
    {
        Assert.Equal(rounded, ResultRounding.Round(value, "/x"));
    }

    [Fact]
    public void Round_GivesPositiveZero_ForNegativeZero()
    {
        var rounded = ResultRounding.Round(-0.0, "/x");

        Assert.False(double.IsNegative(rounded));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Round_Throws_ForValuesJsonCannotHold(double value)
    {
        var e = Assert.Throws<ArgumentException>(() => ResultRounding.Round(value, "/layers/0/units/3/threshold"));

        Assert.Contains("/layers/0/units/3/threshold", e.Message, StringComparison.Ordinal);
    }
}
