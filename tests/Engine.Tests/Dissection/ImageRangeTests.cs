using HndGate.Engine.Dissection;

namespace HndGate.Engine.Tests.Dissection;

public sealed class ImageRangeTests
{
    [Theory]
    // A shard's global images [4, 8) against families of 7, 2, 2, 2 images starting at 0, 7, 9, 11.
    [InlineData(4, 4, 0, 7, 4, 3)]
    [InlineData(4, 4, 7, 2, 0, 1)]
    [InlineData(4, 4, 9, 2, 0, 0)]
    // A range inside one family, and one covering it whole.
    [InlineData(2, 3, 0, 7, 2, 3)]
    [InlineData(0, 13, 7, 2, 0, 2)]
    public void Within_GivesThePartInsideAStretch_CountedFromTheStretchsStart(int first, int count, int stretchFirst, int stretchCount, int expectedFirst, int expectedCount)
    {
        Assert.Equal(new ImageRange(expectedFirst, expectedCount), new ImageRange(first, count).Within(stretchFirst, stretchCount));
    }

    [Fact]
    public void Constructor_RefusesNegativeBounds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageRange(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageRange(0, -2));
    }
}
