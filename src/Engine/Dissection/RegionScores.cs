namespace HndGate.Engine.Dissection;

/// <summary>R7 for one localisable unit: P_k of every concept of its region, and for which it is interpretable.</summary>
/// <param name="Concepts">The concepts of the region, as indices in dictionary order.</param>
/// <param name="Probabilities">P_k, one per concept of <paramref name="Concepts"/>.</param>
/// <param name="Interpretable">P_k > 1.5 / K_r, one per concept.</param>
/// <param name="RegionConceptCount">K_r: the concepts of the region that at least one local image carries.</param>
public sealed record RegionScores(string Region, IReadOnlyList<int> Concepts, IReadOnlyList<double> Probabilities, IReadOnlyList<bool> Interpretable, int RegionConceptCount);
