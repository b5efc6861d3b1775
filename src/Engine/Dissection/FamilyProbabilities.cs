namespace HndGate.Engine.Dissection;

/// <summary>R6 for one unit and one global family: P_s of each subgroup, in declared order.</summary>
public sealed record FamilyProbabilities(string Family, IReadOnlyList<SubgroupProbability> Subgroups);
