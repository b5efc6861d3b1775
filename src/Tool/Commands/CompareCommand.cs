using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HndGate.Engine.Gate;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("compare", Description = "Compare two results files: every metric's change, units whose labels changed, concepts gained and lost.",
    ExtendedHelpText = """

Refuses results made with another dictionary, layer set, stage thresholds or architecture unless
--allow-mismatch (then the differences are listed first). Prints the metrics that changed; --all prints
every metric.

Examples:
  hnd-gate compare main-results.json hnd-gate-out/results.json
  hnd-gate compare main-results.json hnd-gate-out/results.json --json
  hnd-gate compare old.json new.json --allow-mismatch --all

Exit codes: 0 compared, 2 usage/input error (a file unreadable, the results not comparable, or, even with
--allow-mismatch, no layer in common), 3 runtime failure.
""")]
internal sealed class CompareCommand
{
    [Argument(0, "BASELINE", "The baseline results JSON (e.g. main's last).")]
    [Required]
    public string? Baseline { get; init; }

    [Argument(1, "CURRENT", "The results JSON to compare with it.")]
    [Required]
    public string? Current { get; init; }

    [Option("--allow-mismatch", Description = "Compare results made from other inputs anyway, listing the differences.")]
    public bool AllowMismatch { get; init; }

    [Option("--all", Description = "Print every metric, not only those that changed.")]
    public bool All { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        var validator = new JsonSchemaValidator();
        var baseline = ResultsReader.Read(Baseline!, validator);
        var current = ResultsReader.Read(Current!, validator);
        var comparison = BaselineComparer.Compare(current, baseline, Baseline!, AllowMismatch);
        BaselineComparer.RequireCommonLayer(current, Current!, baseline, Baseline!);
        var deltas = comparison.Deltas.Where(d => All || d.Delta != 0).ToList();
        if (Json)
        {
            JsonSummary.Write(console, new
            {
                comparison.BaselinePath,
                Current,
                comparison.Mismatches,
                Deltas = deltas.Select(d => new { d.Layer, d.Key, d.Baseline, d.Current, d.Delta }).ToList(),
                comparison.ChangedUnits,
                comparison.ConceptsGained,
                comparison.ConceptsLost,
            });
            return ExitCodes.Pass;
        }

        foreach (var mismatch in comparison.Mismatches)
        {
            console.Out.WriteLine($"mismatch (allowed): {mismatch}");
        }

        console.Out.WriteLine(deltas.Count == 0 ? "no metric changed" : $"{deltas.Count} metrics {(All ? "compared" : "changed")} (baseline → current):");
        foreach (var d in deltas)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d.Layer}  {d.Key}: {d.Baseline:G6} → {d.Current:G6} ({d.Delta:+0.######;-0.######;0})"));
        }

        console.Out.WriteLine($"{comparison.ChangedUnits.Count} units changed their labels");
        foreach (var gained in comparison.ConceptsGained.Where(g => g.Concepts.Count > 0))
        {
            console.Out.WriteLine($"  {gained.Layer} gained: {string.Join(", ", gained.Concepts)}");
        }

        foreach (var lost in comparison.ConceptsLost.Where(g => g.Concepts.Count > 0))
        {
            console.Out.WriteLine($"  {lost.Layer} lost: {string.Join(", ", lost.Concepts)}");
        }

        return ExitCodes.Pass;
    }
}
