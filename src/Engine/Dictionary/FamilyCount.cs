namespace HndGate.Engine.Dictionary;

/// <summary>A global family: θ_G as it applies (R6), its images, and its subgroups in declared order.</summary>
public sealed record FamilyCount(string Name, double Threshold, int Images, IReadOnlyList<SubgroupCount> Subgroups);
