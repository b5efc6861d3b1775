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

    [Fact]
    public void Help_StatesEveryExitCode()
    {
        var run = CliRun.Of("--help");

        Assert.Matches(@"\n  0  pass \(warnings allowed\)\n  1  gate failed\n  2  usage/config/input error[^\n]*\n  3  runtime failure", run.Output.ReplaceLineEndings("\n"));
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dissect")]
    [InlineData("merge")]
    [InlineData("init")]
    [InlineData("layers")]
    [InlineData("doctor")]
    [InlineData("dictionary")]
    [InlineData("dictionary", "build")]
    [InlineData("dictionary", "info")]
    [InlineData("dictionary", "synth")]
    [InlineData("dictionary", "validate")]
    public void CommandHelp_HasExamplesAndItsExitCodes(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        var examples = run.Output.IndexOf("Examples:\n  hnd-gate " + string.Join(' ', command), StringComparison.Ordinal);
        Assert.True(examples >= 0, $"no example of 'hnd-gate {string.Join(' ', command)}' in its help:\n{run.Output}");
        Assert.Matches(@"Exit codes: 0 [^\n]+, 2 [\s\S]{0,200}?,\s3 ", run.Output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("dissect", true)]
    [InlineData("merge", true)]
    [InlineData("dictionary build", true)]
    [InlineData("dictionary synth", true)]
    [InlineData("dictionary validate", true)]
    [InlineData("dictionary info", false)]
    public void LongCommands_TakeQuiet(string command, bool takesQuiet)
    {
        var run = CliRun.Of([.. command.Split(' '), "--help"]);

        Assert.Equal(takesQuiet, run.Output.Contains("--quiet", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("doctor")]
    [InlineData("init")]
    [InlineData("layers")]
    [InlineData("dictionary build")]
    [InlineData("dictionary info")]
    [InlineData("dictionary synth")]
    [InlineData("dictionary validate")]
    public void SummaryCommands_TakeJson(string command)
    {
        var run = CliRun.Of([.. command.Split(' '), "--help"]);

        Assert.Contains("--json", run.Output, StringComparison.Ordinal);
    }
}
