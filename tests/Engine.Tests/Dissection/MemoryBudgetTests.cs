using HndGate.Engine.Dissection;

namespace HndGate.Engine.Tests.Dissection;

public sealed class MemoryBudgetTests
{
    [Theory]
    [InlineData("2000000", 2000000L)]
    [InlineData("0", 0L)]
    [InlineData("512M", 512L << 20)]
    [InlineData("4G", 4L << 30)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("2k", 2048L)]
    public void Parse_ReadsSizesInPowersOf1024(string text, long expected)
    {
        Assert.Equal(expected, MemoryBudget.Parse(text, "--memory-budget"));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("4X")]
    [InlineData("")]
    public void Parse_NamesTheOption_WhenTheTextIsNotASize(string text)
    {
        var e = Assert.Throws<HndGateInputException>(() => MemoryBudget.Parse(text, "--memory-budget"));

        Assert.Contains("--memory-budget", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("1000")]
    public void Parse_AsksForAUnit_ForABareNumberBelowOneMebibyte(string text)
    {
        var e = Assert.Throws<HndGateInputException>(() => MemoryBudget.Parse(text, "--memory-budget"));

        Assert.Contains($"'{text}' is {text} bytes: write a unit (e.g. {text}G or 512M)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsHalfOfMemAvailable()
    {
        using var dir = new TemporaryDirectory();
        var meminfo = dir.Combine("meminfo");
        File.WriteAllText(meminfo, "MemTotal:       24000000 kB\nMemFree:        1000 kB\nMemAvailable:   2000000 kB\n");

        Assert.Equal(2000000L * 1024 / 2, MemoryBudget.Default(meminfo));
    }

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(412L << 20, "412.0 MiB")]
    [InlineData((3L << 30) + (1L << 29), "3.5 GiB")]
    [InlineData(2L << 40, "2.0 TiB")]
    public void Format_WritesSizesInPowersOf1024(long bytes, string expected)
    {
        Assert.Equal(expected, MemoryBudget.Format(bytes));
    }
}
