namespace HndGate.Engine.Gate;

/// <summary>Concept names of one layer.</summary>
public sealed record LayerConcepts(string Layer, IReadOnlyList<string> Concepts);
