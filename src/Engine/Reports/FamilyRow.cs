namespace HndGate.Engine.Reports;

/// <summary>biased_ratio[G] of one family (R8) and its subgroups; bars are on an absolute scale (full = 100% of units).</summary>
/// <param name="Percent">The ratio as a percentage, e.g. "12.5%".</param>
/// <param name="Bar">Text bar length, 0 to <see cref="ReportBuilder.TextBarLength"/>.</param>
/// <param name="Width">Picture bar width in pixels, 0 to <see cref="ReportBuilder.PictureBarWidth"/>.</param>
public sealed record FamilyRow(string Name, string Percent, int Bar, int Width, IReadOnlyList<SubgroupRow> Subgroups);
