using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Engine.Dissection.Bootstrap;

/// <summary>
/// One bootstrap replicate: how many times each local image was drawn, and the rows of the global stream drawn
/// for each subgroup (as many as the subgroup has, ascending within it, subgroups in stream order).
/// </summary>
/// <param name="LocalCounts">For each local image in canonical order, the times it was drawn.</param>
/// <param name="GlobalRows">The drawn rows of the global stream; as many as the stream has.</param>
public sealed record BootstrapReplicate(IReadOnlyList<int> LocalCounts, IReadOnlyList<int> GlobalRows)
{
    /// <summary>The replicate that draws every image once: the dictionary itself.</summary>
    public static BootstrapReplicate Whole(BootstrapStrata strata) => new(
        Enumerable.Repeat(1, strata.LocalImages).ToArray(),
        Enumerable.Range(0, strata.GlobalImages).ToArray());

    /// <summary>
    /// Replicate <paramref name="index"/> of the bootstrap seeded with <paramref name="seed"/>: each stratum and
    /// subgroup drawn with replacement to its own size. Its generator depends on (seed, index) alone, so
    /// replicates can be drawn in any order, on any thread.
    /// </summary>
    public static BootstrapReplicate Draw(BootstrapStrata strata, long seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = new Random(GeneratorSeed(seed, index));
        var counts = new int[strata.LocalImages];
        foreach (var stratum in strata.Local)
        {
            for (var i = 0; i < stratum.Count; i++)
            {
                counts[stratum[random.Next(stratum.Count)]]++;
            }
        }

        var rows = new int[strata.GlobalImages];
        var next = 0;
        foreach (var (first, count) in strata.Subgroups)
        {
            for (var i = 0; i < count; i++)
            {
                rows[next + i] = first + random.Next(count);
            }

            Array.Sort(rows, next, count);
            next += count;
        }

        return new BootstrapReplicate(counts, rows);
    }

    /// <summary>
    /// The seed of replicate <paramref name="index"/>'s <see cref="Random"/>: (seed, index) through the
    /// SplitMix64 finaliser, so that neighbouring seeds and indices give unrelated streams. A seeded
    /// <see cref="Random"/> runs .NET's fixed legacy algorithm, the same on every machine.
    /// </summary>
    private static int GeneratorSeed(long seed, int index)
    {
        var mixed = SplitMix64.Mix(SplitMix64.Mix((ulong)seed) ^ (ulong)index);
        return (int)(mixed >> 33);
    }
}
