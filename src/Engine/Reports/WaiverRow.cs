namespace HndGate.Engine.Reports;

/// <summary>A waiver as the reports show it; <paramref name="Expires"/> is YYYY-MM-DD, the last day it applies; <paramref name="PolicyLine"/> its line in the policy (0: unknown).</summary>
public sealed record WaiverRow(string Reason, string Owner, string Expires, bool Expired, int PolicyLine);
