namespace HndGate.Engine.Dissection;

/// <summary>R8: biased_ratio[G], the fraction of units biased towards any subgroup of G, and per subgroup.</summary>
public sealed record FamilyBias(string Family, double Ratio, IReadOnlyList<SubgroupBias> Subgroups);
