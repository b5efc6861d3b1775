namespace HndGate.Engine.Dissection;

/// <summary>R6 for one unit and one subgroup: P_s and whether P_s > θ_G.</summary>
public sealed record SubgroupProbability(string Subgroup, double Probability, bool Biased);
