namespace HndGate.Engine.Dissection;

/// <summary>R8: the number of units counted under a name (a concept, a region or a concept type).</summary>
public sealed record UnitCount(string Name, int Units);
