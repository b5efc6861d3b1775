namespace HndGate.Engine.Reports;

/// <summary>biased_ratio[G][s] of one subgroup (R8).</summary>
/// <param name="Percent">e.g. "12.5%"; <paramref name="PercentValue"/> the bare number "12.5", for charts.</param>
/// <param name="Bar">Text bar length on an absolute scale.</param>
/// <param name="Width">Picture bar width in pixels on an absolute scale.</param>
public sealed record SubgroupRow(string Family, string Name, string Percent, string PercentValue, int Bar, int Width);
