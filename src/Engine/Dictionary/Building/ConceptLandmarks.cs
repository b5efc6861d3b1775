namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// One entry of a <see cref="ConceptMap"/>: a local concept and the landmark groups that draw its mask
/// (each group one confidence ellipse; the mask is their union, e.g. one group per cheek).
/// </summary>
public sealed record ConceptLandmarks(Concept Concept, IReadOnlyList<IReadOnlyList<int>> Groups);
