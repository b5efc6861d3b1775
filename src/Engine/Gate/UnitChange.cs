namespace HndGate.Engine.Gate;

/// <summary>
/// A unit whose labels changed from the baseline to the current result: subgroups it became or stopped being
/// biased towards (R6), concepts it became or stopped being interpretable for (R7), "family/subgroup" and concept names.
/// </summary>
public sealed record UnitChange(
    string Layer,
    int Unit,
    IReadOnlyList<string> NewlyBiased,
    IReadOnlyList<string> NoLongerBiased,
    IReadOnlyList<string> ConceptsGained,
    IReadOnlyList<string> ConceptsLost);
