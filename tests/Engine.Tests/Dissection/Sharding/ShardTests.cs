using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sharding;

namespace HndGate.Engine.Tests.Dissection.Sharding;

public sealed class ShardTests
{
    [Theory]
    [InlineData(20, 3)]
    [InlineData(13, 3)]
    [InlineData(2, 3)]
    [InlineData(7, 7)]
    [InlineData(0, 4)]
    [InlineData(1000, 7)]
    public void Range_SplitsTheStreamIntoContiguousNearEqualParts_InShardOrder(int total, int count)
    {
        var ranges = Enumerable.Range(1, count).Select(i => new Shard(i, count).Range(total)).ToList();

        Assert.Equal(0, ranges[0].First);
        Assert.Equal(total, ranges[^1].End);
        Assert.All(ranges.Zip(ranges.Skip(1)), p => Assert.Equal(p.First.End, p.Second.First));
        // Near-equal: every part has ⌊N/n⌋ or ⌈N/n⌉ images.
        Assert.All(ranges, r => Assert.InRange(r.Count, total / count, (total + count - 1) / count));
    }

    [Fact]
    public void Range_GivesTheLaterShardsTheLargerParts_ForTwentyImagesOverThree()
    {
        // ⌊(i−1)·20/3⌋ … ⌊i·20/3⌋: 0–6, 6–13, 13–20.
        Assert.Equal(
            [new ImageRange(0, 6), new ImageRange(6, 7), new ImageRange(13, 7)],
            Enumerable.Range(1, 3).Select(i => new Shard(i, 3).Range(20)));
    }

    [Fact]
    public void Range_LeavesSomeShardsEmpty_WhenThereAreMoreShardsThanImages()
    {
        var ranges = Enumerable.Range(1, 5).Select(i => new Shard(i, 5).Range(2)).ToList();

        Assert.Equal(3, ranges.Count(r => r.Count == 0));
        Assert.Equal(2, ranges.Sum(r => r.Count));
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/4", 2, 4)]
    [InlineData("12/12", 12, 12)]
    public void Parse_ReadsIOfN(string text, int index, int count)
    {
        Assert.Equal(new Shard(index, count), Shard.Parse(text));
        Assert.Equal(text, Shard.Parse(text).ToString());
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("3")]
    [InlineData("1/2/3")]
    [InlineData("-1/2")]
    [InlineData("a/b")]
    [InlineData(" 1/2")]
    public void Parse_RefusesAnythingButIOfNCountedFromOne_QuotingTheText(string text)
    {
        var e = Assert.Throws<HndGateInputException>(() => Shard.Parse(text));

        Assert.Contains($"--shard '{text}'", e.Message, StringComparison.Ordinal);
    }
}
