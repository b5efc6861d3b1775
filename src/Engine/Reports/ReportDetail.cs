namespace HndGate.Engine.Reports;

/// <summary>
/// Which Markdown sections are shown. A Markdown report over 60 KB (a pull-request comment's limit) drops detail in
/// this order: the list of changed units, the per-concept tables, the charts, the per-layer tables, and finally rule
/// rows; a truncated report ends with a pointer to the full HTML report and results file.
/// </summary>
/// <param name="RuleRows">How many rule rows to show (failed rows come first).</param>
/// <param name="HiddenRules">Rule rows left out.</param>
public sealed record ReportDetail(bool ChangedUnits, bool Concepts, bool Charts, bool LayerTables, int RuleRows, int HiddenRules, bool Truncated)
{
    /// <summary>Everything shown.</summary>
    public static ReportDetail Full(int rules) => new(true, true, true, true, rules, 0, false);
}
