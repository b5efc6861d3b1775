using HndGate.Engine.Dissection;

namespace HndGate.Tool.Tests;

public sealed class ProgressDisplayTests
{
    private static Func<string, string?> Environment(string? term = "xterm-256color", string? noColor = null) =>
        name => name switch
        {
            "TERM" => term,
            "NO_COLOR" => noColor,
            _ => null,
        };

    private static void Show(IProgressView? view)
    {
        Assert.NotNull(view);
        view.Report(new DissectionProgress("local pass 1", 0, 10));
        view.Report(new DissectionProgress("local pass 1", 10, 10));
        view.Dispose();
    }

    [Fact]
    public void Choose_ShowsNothing_WhenQuiet()
    {
        using var error = new StringWriter();

        var view = ProgressDisplay.Choose(error, quiet: true, errorIsTerminal: true, Environment(), new ManualClock());

        Assert.Null(view);
    }

    [Fact]
    public void Choose_DrawsAColouredBarInPlace_OnATerminal()
    {
        using var error = new StringWriter();

        var view = ProgressDisplay.Choose(error, quiet: false, errorIsTerminal: true, Environment(), new ManualClock());
        Show(view);

        Assert.IsType<ProgressBar>(view);
        Assert.StartsWith("\rlocal pass 1 [", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[K", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[32m", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_DrawsABarWithoutColour_WhenNoColorIsSet()
    {
        using var error = new StringWriter();

        var view = ProgressDisplay.Choose(error, quiet: false, errorIsTerminal: true, Environment(noColor: "1"), new ManualClock());
        Show(view);

        Assert.IsType<ProgressBar>(view);
        Assert.Contains("\r", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[32m", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_KeepsColour_WhenNoColorIsEmpty()
    {
        using var error = new StringWriter();

        Show(ProgressDisplay.Choose(error, quiet: false, errorIsTerminal: true, Environment(noColor: string.Empty), new ManualClock()));

        Assert.Contains("\u001b[32m", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "xterm")]
    [InlineData(true, "dumb")]
    [InlineData(false, null)]
    public void Choose_WritesPlainLinesWithoutEscapeCodes_WhenErrorIsNotAnInteractiveTerminal(bool errorIsTerminal, string? term)
    {
        using var error = new StringWriter();

        var view = ProgressDisplay.Choose(error, quiet: false, errorIsTerminal, Environment(term), new ManualClock());
        Show(view);

        Assert.IsType<ProgressLines>(view);
        Assert.StartsWith("local pass 1: 0/10\n", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", error.ToString(), StringComparison.Ordinal);
    }
}
