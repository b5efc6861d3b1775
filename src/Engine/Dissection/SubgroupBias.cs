namespace HndGate.Engine.Dissection;

/// <summary>R8: biased_ratio[G][s], the fraction of units biased towards subgroup s.</summary>
public sealed record SubgroupBias(string Subgroup, double Ratio);
