namespace HndGate.Engine.Reports;

/// <summary>The comparison with a baseline result (<see cref="Gate.BaselineComparison"/>) as the reports show it.</summary>
/// <param name="Mismatches">Input differences the comparison was allowed despite (--allow-mismatch).</param>
/// <param name="ConceptsGained">Per layer with any, the concepts it gained.</param>
/// <param name="ChangedUnits">Every unit whose labels changed, by layer then unit.</param>
/// <param name="ListedChangedUnits">The first of <paramref name="ChangedUnits"/>, for the Markdown; <paramref name="UnlistedChangedUnits"/> counts the rest.</param>
public sealed record ReportBaseline(
    string Path,
    IReadOnlyList<string> Mismatches,
    IReadOnlyList<ConceptChangeRow> ConceptsGained,
    IReadOnlyList<ConceptChangeRow> ConceptsLost,
    IReadOnlyList<UnitChangeRow> ChangedUnits,
    IReadOnlyList<UnitChangeRow> ListedChangedUnits,
    int UnlistedChangedUnits);
