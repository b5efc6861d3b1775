namespace HndGate.Engine.Reports;

/// <summary>One unit whose labels changed against the baseline (<see cref="Gate.UnitChange"/>).</summary>
public sealed record UnitChangeRow(
    string Layer,
    int Unit,
    IReadOnlyList<string> NewlyBiased,
    IReadOnlyList<string> NoLongerBiased,
    IReadOnlyList<string> ConceptsGained,
    IReadOnlyList<string> ConceptsLost);
