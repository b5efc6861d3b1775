namespace HndGate.Engine.Dissection;

/// <summary>R8: what the results keep of one unit.</summary>
/// <param name="Threshold">T_u of R2.</param>
/// <param name="TopConcept">c*_u of R4, the Network Dissection label; null when the dictionary has no local concept.</param>
/// <param name="TopIou">IoU[u,c*_u].</param>
/// <param name="Region">r_u when localisable, else null.</param>
/// <param name="RegionConcepts">R7: every concept of the unit's region in dictionary order; empty when not localisable.</param>
/// <param name="Families">R6: every global family in dictionary order.</param>
/// <param name="TopImages">The local images that activate the unit most, largest maximum first.</param>
public sealed record UnitRecord(
    int Unit,
    double Threshold,
    string? TopConcept,
    double TopIou,
    bool Localisable,
    string? Region,
    IReadOnlyList<ConceptProbability> RegionConcepts,
    IReadOnlyList<FamilyProbabilities> Families,
    IReadOnlyList<TopImage> TopImages)
{
    /// <summary>R7: interpretable for at least one local concept.</summary>
    public bool Interpretable => RegionConcepts.Any(c => c.Interpretable);

    /// <summary>R6: biased towards at least one global subgroup.</summary>
    public bool Biased => Families.Any(f => f.Subgroups.Any(s => s.Biased));
}
