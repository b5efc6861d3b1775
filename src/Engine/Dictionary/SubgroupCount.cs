namespace HndGate.Engine.Dictionary;

/// <summary>A subgroup of a global family and its number of images.</summary>
public sealed record SubgroupCount(string Name, int Images);
