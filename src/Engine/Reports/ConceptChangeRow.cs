namespace HndGate.Engine.Reports;

/// <summary>Concepts one layer gained or lost against the baseline.</summary>
public sealed record ConceptChangeRow(string Layer, IReadOnlyList<string> Concepts);
