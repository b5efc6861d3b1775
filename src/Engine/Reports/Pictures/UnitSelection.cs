using HndGate.Engine.Dissection;
using HndGate.Engine.Results;

namespace HndGate.Engine.Reports.Pictures;

/// <summary>Which units of a layer the report pictures (the paper's Fig. 11), most telling first.</summary>
public static class UnitSelection
{
    /// <summary>
    /// At most <paramref name="units"/> units of <paramref name="layer"/> that have a top image: first the units
    /// biased towards a subgroup (R6) or interpretable for a concept (R7), by the largest P_s or P_k that made
    /// them so, descending; then the others by IoU[u,c*_u] (R4), descending. Ties go to the lower unit index.
    /// </summary>
    public static IReadOnlyList<UnitRecord> Choose(RecordedLayer layer, int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var pictured = layer.Units.Where(u => u.TopImages.Count > 0).ToList();
        var flagged = pictured
            .Where(u => u.Biased || u.Interpretable)
            .OrderByDescending(LargestProbability)
            .ThenBy(u => u.Unit);
        var others = pictured
            .Where(u => !(u.Biased || u.Interpretable))
            .OrderByDescending(u => u.TopIou)
            .ThenBy(u => u.Unit);
        return flagged.Concat(others).Take(units).ToList();
    }

    /// <summary>The largest P_s of a subgroup the unit is biased towards (R6) or P_k of a concept it is interpretable for (R7).</summary>
    private static double LargestProbability(UnitRecord unit) =>
        unit.Families.SelectMany(f => f.Subgroups).Where(s => s.Biased).Select(s => s.Probability)
            .Concat(unit.RegionConcepts.Where(c => c.Interpretable).Select(c => c.Probability))
            .Max();
}
