namespace HndGate.Engine.Reports;

/// <summary>local_global[k][G][s] (R8): units interpretable for a concept and biased towards a subgroup.</summary>
public sealed record LocalGlobalRow(string Concept, string Family, string Subgroup, int Units);
