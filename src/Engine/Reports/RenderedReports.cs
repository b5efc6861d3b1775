namespace HndGate.Engine.Reports;

/// <summary>The three report files of one <see cref="ReportModel"/>, rendered and not yet written.</summary>
public sealed record RenderedReports(string Markdown, string Html, string JUnit);
