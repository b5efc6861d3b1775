namespace HndGate.Engine.Dissection;

/// <summary>R4: facial-region assignment of every unit from its IoU with the local concepts.</summary>
public static class RegionAssignment
{
    /// <summary>The R4 default of τ_iou.</summary>
    public const double DefaultIouThreshold = 0.04;

    /// <summary>
    /// R4: c*_u = argmax_c IoU[u,c], ties to the concept listed first; localisable when IoU[u,c*_u] ≥ τ_iou.
    /// </summary>
    public static IReadOnlyList<UnitRegion> Assign(IouCounts counts, DissectionConcepts concepts, double iouThreshold)
    {
        if (counts.Concepts != concepts.Concepts.Count)
        {
            throw new ArgumentException($"the tally has {counts.Concepts} concepts but the dictionary {concepts.Concepts.Count}", nameof(counts));
        }

        if (!(iouThreshold >= 0 && iouThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "τ_iou must be between 0 and 1");
        }

        var units = new UnitRegion[counts.Units];
        for (var u = 0; u < counts.Units; u++)
        {
            if (counts.Concepts == 0)
            {
                units[u] = new UnitRegion(null, 0, false, null);
                continue;
            }

            var best = 0;
            for (var c = 1; c < counts.Concepts; c++)
            {
                // Strictly greater: a tie keeps the concept listed first.
                if (counts.Iou(u, c) > counts.Iou(u, best))
                {
                    best = c;
                }
            }

            var iou = counts.Iou(u, best);
            var localisable = iou >= iouThreshold;
            units[u] = new UnitRegion(best, iou, localisable, localisable ? concepts.Concepts[best].Region : null);
        }

        return units;
    }
}
