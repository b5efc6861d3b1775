using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Engine.Tests.Dictionary.Synthesis;

public sealed class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_GivesTheReferenceSequence_ForSeed1234567()
    {
        // The published test vector of Vigna's splitmix64.c (also used by Rust's rand_xoshiro).
        var rng = new SplitMix64(1234567);

        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => rng.NextUInt64()).ToArray());
    }

    [Fact]
    public void For_GivesTheSameStream_ForTheSameSeedStreamAndIndex()
    {
        var a = SplitMix64.For(7, 1, 42);
        var b = SplitMix64.For(7, 1, 42);

        Assert.Equal(Enumerable.Range(0, 8).Select(_ => a.NextUInt64()), Enumerable.Range(0, 8).Select(_ => b.NextUInt64()));
    }

    [Fact]
    public void For_GivesDifferentStreams_ForNeighbouringIndicesSeedsAndStreams()
    {
        var firsts = new[]
        {
            SplitMix64.For(7, 1, 42), SplitMix64.For(7, 1, 43), SplitMix64.For(8, 1, 42), SplitMix64.For(7, 2, 42),
        }.Select(r => r.NextUInt64()).ToList();

        Assert.Equal(firsts.Count, firsts.Distinct().Count());
    }

    [Fact]
    public void NextDouble_StaysInTheUnitInterval_AndAveragesAboutAHalf()
    {
        var rng = new SplitMix64(3);
        var values = Enumerable.Range(0, 10000).Select(_ => rng.NextDouble()).ToList();

        Assert.All(values, v => Assert.InRange(v, 0, 0.9999999999999999));
        Assert.InRange(values.Average(), 0.49, 0.51); // σ of the mean ≈ 0.0029
    }

    [Fact]
    public void Below_CoversEveryValue_AndNoOther()
    {
        var rng = new SplitMix64(5);
        var seen = Enumerable.Range(0, 600).Select(_ => rng.Below(6)).Distinct().Order().ToList();

        Assert.Equal([0, 1, 2, 3, 4, 5], seen);
    }
}
