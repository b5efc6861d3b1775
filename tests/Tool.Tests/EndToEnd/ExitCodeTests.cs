using HndGate.Engine.Tests;
using HndGate.Tool.Tests.Commands;

namespace HndGate.Tool.Tests.EndToEnd;

/// <summary>The exit codes a CI step sees (issue 5, item 7): the real tool in a process of its own, few runs since each loads the runtime.</summary>
[Collection("Torch")]
public sealed class ExitCodeTests : IClassFixture<DissectedResults>, IDisposable
{
    private static readonly Dictionary<string, string?> NoChange = [];

    private readonly DissectedResults _results;
    private readonly TemporaryDirectory _dir = new();

    public ExitCodeTests(DissectedResults results) => _results = results;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void HndGate_ExitsZero_ForACheckWhosePolicyPasses()
    {
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), GatePolicy.Passing);

        var run = ToolProcess.Run(NoChange, CheckArgs(policy));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("gate passed", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("out", "results.json")));
    }

    [Fact]
    public void HndGate_ExitsOne_ForAReportWhosePolicyFails()
    {
        var policy = GatePolicy.Write(_dir.Combine("policy.json"), GatePolicy.Failing);

        var run = ToolProcess.Run(NoChange, "report", "--results", _results.Path, "--policy", policy, "--out-dir", _dir.Combine("out"));

        Assert.True(run.ExitCode == 1, run.Error);
        Assert.Contains("gate failed", run.Output, StringComparison.Ordinal);
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
        ["check", "--dictionary", _results.Dictionary.DictionaryPath, "--model", _results.Dictionary.CardPath, "--layer", DissectedResults.Layer,
         "--device", "cpu", "--policy", policy, "--out-dir", _dir.Combine("out"), "--pictures", "0"];
}
