namespace HndGate.Engine.Dissection;

/// <summary>R4 for one unit: its Network Dissection label c*_u, IoU[u,c*_u], and its region when localisable.</summary>
/// <param name="TopConcept">c*_u as an index in dictionary order; null when the dictionary has no local concept.</param>
/// <param name="Region">r_u = region(c*_u) when the unit is localisable, else null.</param>
public sealed record UnitRegion(int? TopConcept, double TopIou, bool Localisable, string? Region);
