namespace HndGate.Engine.Reports;

/// <summary>One dissected layer's R8 summary as the reports show it.</summary>
/// <param name="CoverageHnd">coverage_hnd as a percentage, e.g. "41.2%"; <paramref name="CoverageHndWidth"/> its bar in pixels.</param>
/// <param name="CoverageHndValue">The same percentage as a bare number, for charts.</param>
/// <param name="Interpretable">Units interpretable for at least one facial concept (R7), as a percentage: coverage_hnd's local part.</param>
/// <param name="Biased">Units biased towards at least one subgroup of any family (R6), as a percentage: coverage_hnd's global part.</param>
/// <param name="Families">biased_ratio per family and subgroup.</param>
/// <param name="Concepts">units_per_concept, most units first, then by name (the paper's Fig. 9).</param>
/// <param name="TopConcepts">The first concepts of <paramref name="Concepts"/> that have units, for the Markdown.</param>
/// <param name="Regions">units_per_region, most units first, then by name.</param>
/// <param name="LocalGlobal">Non-zero local_global counts, most first (the paper's Fig. 10).</param>
/// <param name="Galleries">Units with pictures (the paper's Fig. 11), in unit order.</param>
public sealed record LayerReport(
    string Name,
    int Units,
    string CoverageHnd,
    string CoverageHndValue,
    int CoverageHndWidth,
    string CoverageNetDissect,
    string CoverageNetDissectValue,
    int CoverageNetDissectWidth,
    int Unlocalisable,
    string Interpretable,
    string Biased,
    IReadOnlyList<FamilyRow> Families,
    IReadOnlyList<CountBar> Concepts,
    IReadOnlyList<CountBar> TopConcepts,
    IReadOnlyList<CountBar> Regions,
    IReadOnlyList<LocalGlobalRow> LocalGlobal,
    IReadOnlyList<UnitGallery> Galleries);
