using HndGate.Engine.Reports;
using HndGate.Engine.Results;

namespace HndGate.Engine.Gate;

/// <summary>What a gate run concluded and wrote.</summary>
/// <param name="Verdict">Null when no policy was given.</param>
/// <param name="Annotations">The verdict as GitHub workflow commands (--format github).</param>
/// <param name="Written">Every file written, in order.</param>
public sealed record GateReport(
    RecordedResults Results,
    GateVerdict? Verdict,
    BaselineComparison? Baseline,
    ReportModel Report,
    string Annotations,
    IReadOnlyList<string> Written)
{
    /// <summary>The exit code the gate asks for: 1 when an error-severity rule failed, else 0.</summary>
    public int ExitCode => Verdict is { Passed: false } ? 1 : 0;
}
