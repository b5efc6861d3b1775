using HndGate.Engine.Dictionary;

namespace HndGate.Engine.Dissection;

/// <summary>R8: the layer's summary, what the gate reads. Lists follow dictionary order.</summary>
/// <param name="CoverageHnd">Fraction of units interpretable for a local concept (R7) or biased towards a global subgroup (R6).</param>
/// <param name="CoverageNetDissect">Fraction of units with IoU[u,c*_u] ≥ τ_iou.</param>
/// <param name="BiasedRatio">Per family in dictionary order, subgroups in declared order.</param>
/// <param name="UnitsPerConcept">Every local concept: units interpretable for it.</param>
/// <param name="UnitsPerRegion">Every region: units interpretable for at least one of its concepts.</param>
/// <param name="UnitsPerType">Every concept type the dictionary uses, in enum order: units interpretable for a concept of it.</param>
/// <param name="Unlocalisable">Units that are not localisable.</param>
/// <param name="LocalGlobal">Every (concept, family, subgroup) in dictionary order.</param>
public sealed record LayerSummary(
    int Units,
    double CoverageHnd,
    double CoverageNetDissect,
    IReadOnlyList<FamilyBias> BiasedRatio,
    IReadOnlyList<UnitCount> UnitsPerConcept,
    IReadOnlyList<UnitCount> UnitsPerRegion,
    IReadOnlyList<UnitCount> UnitsPerType,
    int Unlocalisable,
    IReadOnlyList<LocalGlobalCount> LocalGlobal)
{
    /// <summary>R8 over the per-unit records of one layer.</summary>
    public static LayerSummary Summarise(IReadOnlyList<UnitRecord> units, DissectionConcepts concepts)
    {
        if (units.Count == 0)
        {
            throw new ArgumentException("a layer has at least one unit", nameof(units));
        }

        double Fraction(Func<UnitRecord, bool> predicate) => (double)units.Count(predicate) / units.Count;
        bool InterpretableFor(UnitRecord unit, string concept) => unit.RegionConcepts.Any(c => c.Interpretable && c.Concept == concept);
        bool BiasedTowards(UnitRecord unit, int family, int subgroup) => unit.Families[family].Subgroups[subgroup].Biased;

        var families = concepts.Families;
        var biasedRatio = families
            .Select((family, f) => new FamilyBias(
                family.Name,
                Fraction(u => u.Families[f].Subgroups.Any(s => s.Biased)),
                family.Subgroups.Select((subgroup, s) => new SubgroupBias(subgroup, Fraction(u => BiasedTowards(u, f, s)))).ToList()))
            .ToList();

        var perConcept = concepts.Concepts
            .Select(c => new UnitCount(c.Name, units.Count(u => InterpretableFor(u, c.Name))))
            .ToList();
        var perRegion = concepts.Regions
            .Select(r => new UnitCount(r, units.Count(u => u.Region == r && u.Interpretable)))
            .ToList();
        var typeOf = concepts.Concepts.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var perType = Enum.GetValues<ConceptType>()
            .Where(t => concepts.Concepts.Any(c => c.Type == t))
            .Select(t => new UnitCount(t.ToName(), units.Count(u => u.RegionConcepts.Any(c => c.Interpretable && typeOf[c.Concept] == t))))
            .ToList();

        var localGlobal = new List<LocalGlobalCount>();
        foreach (var concept in concepts.Concepts)
        {
            for (var f = 0; f < families.Count; f++)
            {
                for (var s = 0; s < families[f].Subgroups.Count; s++)
                {
                    var count = units.Count(u => InterpretableFor(u, concept.Name) && BiasedTowards(u, f, s));
                    localGlobal.Add(new LocalGlobalCount(concept.Name, families[f].Name, families[f].Subgroups[s], count));
                }
            }
        }

        return new LayerSummary(
            units.Count,
            Fraction(u => u.Interpretable || u.Biased),
            Fraction(u => u.Localisable),
            biasedRatio,
            perConcept,
            perRegion,
            perType,
            units.Count(u => !u.Localisable),
            localGlobal);
    }
}
