using System.Globalization;
using HndGate.Engine.Gate;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool;

/// <summary>
/// What <c>check</c> and <c>report</c> print: the verdict and the files written (text), the same as JSON, or
/// GitHub workflow annotations on the policy's lines followed by the text (github).
/// </summary>
internal static class GateOutput
{
    public static string? StepSummaryFromEnvironment() =>
        Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } path ? path : null;

    public static void Print(IConsole console, GateReport report, string format, bool quiet)
    {
        if (format == "json")
        {
            JsonSummary.Write(console, new
            {
                Verdict = Verdict(report),
                Rules = report.Verdict?.Outcomes.Select(o => new
                {
                    Rule = o.RuleId,
                    o.Layer,
                    o.Metric,
                    Status = RuleStatusName.Of(o.Status),
                    o.Value,
                    o.Gated,
                    o.Baseline,
                    o.Delta,
                    o.Message,
                }).ToList(),
                Files = report.Written.Select(Path.GetFullPath).ToList(),
            });
            return;
        }

        if (format == "github")
        {
            console.Out.Write(report.Annotations);
        }

        if (quiet)
        {
            return;
        }

        var verdict = report.Verdict;
        console.Out.WriteLine(verdict is null
            ? "not gated (no policy): reports written"
            : string.Create(CultureInfo.InvariantCulture, $"gate {Verdict(report)}: {verdict.Count(RuleStatus.Failed)} failed, {verdict.Count(RuleStatus.Warning)} warnings, {verdict.Count(RuleStatus.Waived)} waived, {verdict.Count(RuleStatus.Passed)} passed{NotEvaluated(report)} ({verdict.PolicyPath})"));
        foreach (var outcome in verdict?.Outcomes.Where(o => o.Status != RuleStatus.Passed) ?? [])
        {
            console.Out.WriteLine($"  {RuleStatusName.Of(outcome.Status)}: {outcome.RuleId} on {outcome.Layer}: {outcome.Message}");
        }

        foreach (var file in report.Written)
        {
            console.Out.WriteLine($"wrote {Path.GetFullPath(file)}");
        }
    }

    /// <summary>", N not evaluated (why)", or nothing when every outcome was evaluated.</summary>
    private static string NotEvaluated(GateReport report) =>
        report.Report.Header is { NotEvaluated: > 0 } header
            ? string.Create(CultureInfo.InvariantCulture, $", {header.NotEvaluated} not evaluated ({header.NotEvaluatedReason})")
            : string.Empty;

    private static string Verdict(GateReport report) => report.Verdict switch
    {
        null => "not gated",
        { Passed: true } => "passed",
        _ => "failed",
    };
}
