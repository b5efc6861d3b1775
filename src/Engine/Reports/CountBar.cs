namespace HndGate.Engine.Reports;

/// <summary>A unit count under a name (a concept or a region, R8) with its bars, scaled to the largest count of its list.</summary>
/// <param name="Bar">Text bar length, 0 to <see cref="ReportBuilder.TextBarLength"/>.</param>
/// <param name="Width">Picture bar width in pixels, 0 to <see cref="ReportBuilder.PictureBarWidth"/>.</param>
public sealed record CountBar(string Name, int Units, int Bar, int Width);
