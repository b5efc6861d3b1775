namespace HndGate.Engine.Dissection;

/// <summary>
/// R3's exact counts for every unit and concept: I[u,c] and Un[u,c] summed over the local images that
/// carry c. Row-major, Units × Concepts.
/// </summary>
public sealed record IouCounts(int Units, int Concepts, IReadOnlyList<long> Intersections, IReadOnlyList<long> Unions)
{
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
