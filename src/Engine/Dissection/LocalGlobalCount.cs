namespace HndGate.Engine.Dissection;

/// <summary>R8: local_global[k][G][s], units interpretable for concept k and biased towards subgroup s of G.</summary>
public sealed record LocalGlobalCount(string Concept, string Family, string Subgroup, int Units);
