using System.Globalization;
using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Tests.Dictionary.Building;

public sealed class LandmarkTableTests
{
    private static string Csv(params string[] rows) => string.Join(',', LandmarkTable.Header) + "\n" + string.Join("\n", rows) + "\n";

    private static string Row(string image, double offset) =>
        image + string.Concat(Enumerable.Range(0, 68).Select(i => string.Create(CultureInfo.InvariantCulture, $",{i + offset},{(2 * i) + offset}")));

    [Fact]
    public void Header_IsImageThenXAndYOfThe68Points()
    {
        Assert.Equal(137, LandmarkTable.Header.Count);
        Assert.Equal(["image", "x0", "y0", "x1"], LandmarkTable.Header.Take(4));
        Assert.Equal("y67", LandmarkTable.Header[^1]);
    }

    [Fact]
    public void Parse_ReadsEveryPointInIbugOrder()
    {
        var table = LandmarkTable.Parse(Csv(Row("a.png", 0.5)), "lm.csv");

        Assert.True(table.TryGet("a.png", out var row));
        Assert.Equal(2, row.Line);
        Assert.Equal(new Landmark(30.5, 60.5), row.Points[30]);
        Assert.Equal(new Landmark(67.5, 134.5), row.Points[67]);
    }

    [Fact]
    public void Parse_NamesBothLines_ForAnImageListedTwice()
    {
        var e = Assert.Throws<HndGateInputException>(() => LandmarkTable.Parse(Csv(Row("a.png", 0), Row("b.png", 0), Row("a.png", 1)), "lm.csv"));

        Assert.Equal(("lm.csv", 4), (e.File, e.Line));
        Assert.Contains("on line 2 already", e.Message);
    }

    [Fact]
    public void Parse_RefusesInfinity()
    {
        var row = Row("a.png", 0).Replace(",3,6,", ",Infinity,6,");

        var e = Assert.Throws<HndGateInputException>(() => LandmarkTable.Parse(Csv(row), "lm.csv"));

        Assert.Contains("column x3", e.Message);
    }
}
