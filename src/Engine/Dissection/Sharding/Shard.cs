using System.Globalization;

namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// One runner's part of a sharded dissection: shard <see cref="Index"/> of <see cref="Count"/>, counted from 1
/// as CI matrices count (<c>--shard 1/4</c> … <c>--shard 4/4</c>). Of a canonical stream of N images, shard i
/// of n takes [⌊(i−1)·N/n⌋, ⌊i·N/n⌋): contiguous, near-equal, in order, and together every image once.
/// </summary>
public sealed record Shard
{
    public Shard(int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"shard {index}/{count}: need 1 ≤ i ≤ n");
        }

        Index = index;
        Count = count;
    }

    /// <summary>i, from 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>n, the number of shards.</summary>
    public int Count { get; }

    /// <summary>Parses "i/n", e.g. "2/4"; anything else is an input error naming <paramref name="option"/>.</summary>
    public static Shard Parse(string text, string option = "--shard")
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new Shard(index, count);
        }

        throw new HndGateInputException($"{option} '{text}' is not i/n with 1 ≤ i ≤ n: shards count from 1, e.g. {option} 2/4 for the second of four runners");
    }

    /// <summary>This shard's images of a canonical stream of <paramref name="total"/> (possibly none when n exceeds it).</summary>
    public ImageRange Range(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var first = (int)((long)(Index - 1) * total / Count);
        var end = (int)((long)Index * total / Count);
        return new ImageRange(first, end - first);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
