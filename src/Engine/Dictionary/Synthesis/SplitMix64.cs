namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// A small seeded generator (Steele, Lea, Flood 2014, "SplitMix"): the same seed gives the same stream on every
/// machine and runtime, unlike <see cref="Random"/>. Each synthetic image draws from its own generator,
/// derived from (seed, stream, index), so that images can be rendered in any order, in parallel.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    /// <summary>The generator of item <paramref name="index"/> of <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    public static SplitMix64 For(long seed, ulong stream, long index) =>
        new(Mix(Mix(Mix((ulong)seed) ^ stream) ^ (ulong)index));

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit hash.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public int Below(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)(NextUInt64() % (ulong)n);
    }

    /// <summary>A standard normal value (Box–Muller), clipped to ±3 so that no face is grotesque.</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Clamp(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v), -3, 3);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
}
