namespace HndGate.Engine.Dissection;

/// <summary>
/// R3's exact counts for every unit and concept: I[u,c] and Un[u,c] summed over the local images that
/// carry c. Row-major, Units × Concepts. Both are sums over images, so shards add up.
/// </summary>
/// <param name="Images">The number of local images tallied.</param>
public sealed record IouCounts(int Units, int Concepts, int Images, IReadOnlyList<long> Intersections, IReadOnlyList<long> Unions)
{
    /// <summary>The counts over this shard's images and <paramref name="other"/>'s together.</summary>
    public IouCounts Merge(IouCounts other)
    {
        if (other.Units != Units || other.Concepts != Concepts)
        {
            throw new ArgumentException($"cannot merge counts of {other.Units} units × {other.Concepts} concepts into {Units} × {Concepts}", nameof(other));
        }

        return new IouCounts(
            Units,
            Concepts,
            Images + other.Images,
            Intersections.Zip(other.Intersections, (a, b) => a + b).ToArray(),
            Unions.Zip(other.Unions, (a, b) => a + b).ToArray());
    }

    public long Intersection(int unit, int concept) => Intersections[Index(unit, concept)];

    public long Union(int unit, int concept) => Unions[Index(unit, concept)];

    /// <summary>R3: IoU[u,c] = I/Un, and 0 when Un = 0 (a concept no image carries).</summary>
    public double Iou(int unit, int concept)
    {
        var union = Union(unit, concept);
        return union == 0 ? 0 : (double)Intersection(unit, concept) / union;
    }

    private int Index(int unit, int concept)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, Units);
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, Concepts);
        return (unit * Concepts) + concept;
    }
}
