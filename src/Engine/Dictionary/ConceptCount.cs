namespace HndGate.Engine.Dictionary;

/// <summary>A local concept and how many local images carry its mask.</summary>
public sealed record ConceptCount(string Name, string Type, string Region, int Images);
