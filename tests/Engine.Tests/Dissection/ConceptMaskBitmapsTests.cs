using HndGate.Engine.Dissection;
using Xunit;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class ConceptMaskBitmapsTests
{
    [Fact]
    public void Pack_SetsBitPOfWordPOver64_ForEachPixelThatIsOne()
    {
        // 9 × 9 = 81 pixels: one whole word and 17 pixels in the second (no vector covers them).
        var mask = new byte[81];
        mask[0] = mask[63] = mask[64] = mask[80] = 1;
        var bitmap = new ulong[ConceptMaskBitmaps.WordsFor(9)];

        ConceptMaskBitmaps.Pack(mask, bitmap);

        Assert.Equal([1UL | (1UL << 63), 1UL | (1UL << 16)], bitmap);
    }

    [Fact]
    public void Pack_OfAMaskOfTwoWholeWords_MatchesPixelByPixel()
    {
        var random = new Random(5);
        var mask = Enumerable.Range(0, 128).Select(_ => (byte)random.Next(2)).ToArray();
        var bitmap = new ulong[2];

        ConceptMaskBitmaps.Pack(mask, bitmap);

        Assert.All(Enumerable.Range(0, 128), p => Assert.Equal(mask[p], (byte)((bitmap[p >> 6] >> (p & 63)) & 1)));
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(255, 70)]
    [InlineData(2, 127)]
    public void Pack_Throws_ForAByteOtherThanZeroOrOne(byte value, int at)
    {
        var mask = new byte[128];
        mask[at] = value;

        Assert.Throws<ArgumentException>(() => ConceptMaskBitmaps.Pack(mask, new ulong[2]));
    }

    [Fact]
    public void Constructor_KnowsEachRowsAreaAndTheWordsItTouches()
    {
        // Two 9 × 9 rows (2 words each): the first has pixels 3 and 70, the second none.
        var bits = new ulong[] { 1UL << 3, 1UL << 6, 0, 0 };

        var masks = new ConceptMaskBitmaps(9, bits, [0, 1], [2, 0]);

        Assert.Equal((2L, 0L), (masks.Area(0), masks.Area(1)));
        Assert.Equal((0, 1), masks.Span(0));
        Assert.True(masks.Span(1).First > masks.Span(1).Last);
        Assert.Equal(2, masks.Words);
    }

    [Fact]
    public void Constructor_Throws_ForBitsBeyondTheLastPixel()
    {
        // 9 × 9 = 81 pixels: bit 17 of the second word is pixel 81.
        Assert.Throws<ArgumentException>(() => new ConceptMaskBitmaps(9, [0, 1UL << 17], [0], [0]));
    }

    [Fact]
    public void From_AndToTensor_RoundTripTheMasks()
    {
        using var scope = NewDisposeScope();
        var values = randint(0, 2, [3, 9, 9]).to(ScalarType.Float32);
        var batch = new ConceptMaskBatch(values, [0, 0, 1], [0, 1, 0]);

        var bitmaps = ConceptMaskBitmaps.From(batch, 9);

        Assert.True(bitmaps.ToTensor().to(ScalarType.Float32).eq(values).all().item<bool>());
        Assert.Equal(values[1].sum().item<float>(), bitmaps.Area(1));
        Assert.Equal([0, 0, 1], bitmaps.Images);
    }

    [Theory]
    [InlineData(ScalarType.Float32, 0.5)]
    [InlineData(ScalarType.Float32, -1.0)]
    [InlineData(ScalarType.Byte, 3.0)]
    public void From_Throws_ForMasksThatAreNotBinary(ScalarType type, double value)
    {
        using var scope = NewDisposeScope();
        var values = zeros(1, 9, 9, type);
        values[0, 8, 8] = tensor(value).to(type);

        Assert.Throws<ArgumentException>(() => ConceptMaskBitmaps.From(new ConceptMaskBatch(values, [0], [0]), 9));
    }
}
