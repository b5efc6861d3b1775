namespace HndGate.Tool.Tests.Commands;

public sealed class RootCommandTests
{
    [Fact]
    public void UnknownOption_ExitsTwoWithUsageHint()
    {
        var run = CliRun.Of("--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsTheCommands_AndExitsZero()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dictionary", run.Output, StringComparison.Ordinal);
        Assert.Contains("doctor", run.Output, StringComparison.Ordinal);
    }
}
