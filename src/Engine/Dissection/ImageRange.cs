namespace HndGate.Engine.Dissection;

/// <summary>
/// Images [First, First + Count) of a canonical image stream: the local images, or the global images family
/// after family (R6's layout). A whole run covers everything; a shard covers one contiguous range.
/// </summary>
public readonly record struct ImageRange
{
    public ImageRange(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        First = first;
        Count = count;
    }

    public int First { get; }

    public int Count { get; }

    public int End => First + Count;

    /// <summary>Every image of a stream of <paramref name="total"/>.</summary>
    public static ImageRange All(int total) => new(0, total);

    /// <summary>
    /// The part of this range that falls in the stretch [<paramref name="first"/>, <paramref name="first"/> +
    /// <paramref name="count"/>) of the stream (e.g. one family), counted from the stretch's start; empty if none.
    /// </summary>
    public ImageRange Within(int first, int count)
    {
        var from = Math.Max(First, first);
        var to = Math.Min(End, first + count);
        return from < to ? new ImageRange(from - first, to - from) : new ImageRange(0, 0);
    }

    public override string ToString() => $"[{First}, {End})";
}
