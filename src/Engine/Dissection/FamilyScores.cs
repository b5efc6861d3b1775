namespace HndGate.Engine.Dissection;

/// <summary>R6 for one global family: P_s of every unit and subgroup, and whether P_s > θ_G.</summary>
/// <param name="Probabilities">[unit][subgroup] P_s, subgroups in declared order.</param>
/// <param name="Biased">[unit][subgroup] P_s > θ_G: the unit is biased towards the subgroup.</param>
public sealed record FamilyScores(GlobalFamilyLayout Family, IReadOnlyList<IReadOnlyList<double>> Probabilities, IReadOnlyList<IReadOnlyList<bool>> Biased);
