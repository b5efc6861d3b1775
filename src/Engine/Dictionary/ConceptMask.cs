namespace HndGate.Engine.Dictionary;

/// <summary>The mask of one concept on one local image; the path is relative to the dictionary root.</summary>
public sealed record ConceptMask(string Concept, string MaskPath);
