namespace HndGate.Engine.Dictionary;

/// <summary>An image of the local set with the masks of the concepts it carries (C_n in the spec).</summary>
public sealed record LocalImage(string ImagePath, IReadOnlyList<ConceptMask> Masks);
