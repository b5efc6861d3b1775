namespace HndGate.Engine.Dictionary;

/// <summary>A local concept: it has a mask per image, a type and exactly one facial region.</summary>
public sealed record Concept(string Name, ConceptType Type, string Region);
