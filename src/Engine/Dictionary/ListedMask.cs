namespace HndGate.Engine.Dictionary;

/// <summary>A mask as a listing names it (CSV row or manifest entry), with where its concept and path were written.</summary>
internal sealed record ListedMask(string Concept, string MaskPath, InputLocation ConceptAt, InputLocation MaskAt);
