using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dissection;
using HndGate.Tool.Tests.Commands;

namespace HndGate.Tool.Tests.EndToEnd;

/// <summary>The exit codes a CI step sees (issue 5, item 7): the real tool in a process of its own, few runs since each loads the runtime.</summary>
[Collection("Torch")]
public sealed class ExitCodeTests : IClassFixture<DissectorTests.SmallDictionary>, IDisposable
{
    private static readonly Dictionary<string, string?> NoChange = [];

    private readonly DissectorTests.SmallDictionary _dictionary;
    private readonly TemporaryDirectory _dir = new();

    public ExitCodeTests(DissectorTests.SmallDictionary dictionary) => _dictionary = dictionary;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void HndGate_ExitsZero_ForAPassingCheck_AndOne_ForAFailingReportOnItsResults()
    {
        var passing = GatePolicy.Write(_dir.Combine("passing.json"), GatePolicy.Passing);
        var failing = GatePolicy.Write(_dir.Combine("failing.json"), GatePolicy.Failing);

        var check = ToolProcess.Run(NoChange, CheckArgs(passing));
        var report = ToolProcess.Run(NoChange, "report", "--results", _dir.Combine("out", "results.json"), "--policy", failing, "--out-dir", _dir.Combine("report"));

        Assert.True(check.ExitCode == 0, check.Error);
        Assert.Contains("gate passed", check.Output, StringComparison.Ordinal);
        Assert.True(report.ExitCode == 1, report.Error);
        Assert.Contains("gate failed", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void HndGate_ExitsTwo_ForAPolicyThatIsNotJson()
    {
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), "{ \"version\": 1,\n  \"rules\": [ oops ] }");

        var run = ToolProcess.Run(NoChange, CheckArgs(policy));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {policy}:2", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    [Fact]
    public void HndGate_ExitsTwo_ForAnUnknownOption()
    {
        var run = ToolProcess.Run(NoChange, "check", "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unrecognized option '--no-such-option'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HndGate_ExitsThree_WhenLibTorchCannotLoad_FromAnEmptyFolder()
    {
        var empty = Directory.CreateDirectory(_dir.Combine("no-libtorch")).FullName;
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), GatePolicy.Passing);

        var run = ToolProcess.Run(new Dictionary<string, string?> { ["HNDGATE_LIBTORCH"] = empty }, CheckArgs(policy));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"LibTorch cannot load: the folder '{empty}' lacks", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    private string[] CheckArgs(string policy) =>
        ["check", "--dictionary", _dictionary.DictionaryPath, "--model", _dictionary.CardPath, "--layer", DissectedResults.Layer,
         "--device", "cpu", "--policy", policy, "--out-dir", _dir.Combine("out"), "--pictures", "0"];
}
