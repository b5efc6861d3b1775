namespace HndGate.Engine.Dictionary;

/// <summary>A subgroup of a global family (e.g. gender/female) with its images, in canonical order.</summary>
public sealed record Subgroup(string Name, IReadOnlyList<string> Images);
