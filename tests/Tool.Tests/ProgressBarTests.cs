using HndGate.Engine.Dissection;

namespace HndGate.Tool.Tests;

public sealed class ProgressBarTests
{
    private static string Bar(int filled) => "[" + new string('#', filled) + new string('.', ProgressBar.Width - filled) + "]";

    [Fact]
    public void Text_ShowsTheBarCountRateAndTimeLeft_AtAGivenCount()
    {
        // 250 of 1000 at 50/s: a quarter of 30 characters is 7 (rounded down), 750 left take 15 s.
        var text = ProgressBar.Text(new DissectionProgress("tally", 250, 1000), 50, colour: false);

        Assert.Equal($"tally {Bar(7)}  25% 250/1000 50.0/s ETA 0:15", text);
    }

    [Fact]
    public void Text_SaysTheTimeLeftIsUnknown_BeforeThereIsARate()
    {
        var text = ProgressBar.Text(new DissectionProgress("local pass 1", 0, 64), 0, colour: false);

        Assert.Equal($"local pass 1 {Bar(0)}   0% 0/64 0.0/s ETA --:--", text);
    }

    [Fact]
    public void Text_ShowsHours_PastAnHourLeft()
    {
        // 3,700 left at 1/s = 1 h 1 min 40 s.
        var text = ProgressBar.Text(new DissectionProgress("s", 300, 4000), 1, colour: false);

        Assert.EndsWith("ETA 1:01:40", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_FillsTheWholeBar_AtTheEnd()
    {
        var text = ProgressBar.Text(new DissectionProgress("s", 8, 8), 2.5, colour: false);

        Assert.Equal($"s {Bar(ProgressBar.Width)} 100% 8/8 2.5/s ETA 0:00", text);
    }

    [Fact]
    public void Text_ColoursOnlyTheFilledPart_WhenColourIsOn()
    {
        var text = ProgressBar.Text(new DissectionProgress("s", 1, 2), 1, colour: true);

        Assert.Contains("[\u001b[32m" + new string('#', 15) + "\u001b[0m" + new string('.', 15) + "]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_LeavesTheBarOut_WhereTheTerminalIsTooNarrowForIt()
    {
        var value = new DissectionProgress("tally", 250, 1000);

        // "tally [" + 30 + "] " is 39 characters, " 25% 250/1000 50.0/s ETA 0:15" 29 more: the 68 fit in 69 columns
        // (the last is kept free, so that the cursor does not wrap), not in 68.
        Assert.Equal(ProgressBar.Text(value, 50, colour: false), ProgressBar.Text(value, 50, colour: false, columns: 69));
        Assert.Equal("tally  25% 250/1000 50.0/s ETA 0:15", ProgressBar.Text(value, 50, colour: true, columns: 68));
        Assert.Equal("tally  25% 250", ProgressBar.Text(value, 50, colour: false, columns: 15));
    }

    [Fact]
    public void Report_RedrawsOneLineInPlace_AndEndsItWhenTheStageEnds()
    {
        using var error = new StringWriter();
        var clock = new ManualClock();
        using var bar = new ProgressBar(error, colour: false, clock);

        bar.Report(new DissectionProgress("a", 0, 4));
        clock.Advance(TimeSpan.FromSeconds(1));
        bar.Report(new DissectionProgress("a", 2, 4));
        clock.Advance(TimeSpan.FromSeconds(1));
        bar.Report(new DissectionProgress("a", 4, 4));

        var expected = "\r" + ProgressBar.Text(new DissectionProgress("a", 0, 4), 0, false) + "\u001b[K"
            + "\r" + ProgressBar.Text(new DissectionProgress("a", 2, 4), 2, false) + "\u001b[K"
            + "\r" + ProgressBar.Text(new DissectionProgress("a", 4, 4), 2, false) + "\u001b[K" + error.NewLine;
        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void Report_SkipsRedraws_CloserThanATenthOfASecond()
    {
        using var error = new StringWriter();
        var clock = new ManualClock();
        using var bar = new ProgressBar(error, colour: false, clock);

        bar.Report(new DissectionProgress("a", 0, 100));
        clock.Advance(TimeSpan.FromMilliseconds(50));
        bar.Report(new DissectionProgress("a", 1, 100));
        clock.Advance(TimeSpan.FromMilliseconds(60));
        bar.Report(new DissectionProgress("a", 2, 100));

        Assert.Equal(2, error.ToString().Count(c => c == '\r'));
        Assert.Contains(" 2/100 ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" 1/100 ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_IgnoresStaleCounts_FromParallelWorkers()
    {
        using var error = new StringWriter();
        var clock = new ManualClock();
        using var bar = new ProgressBar(error, colour: false, clock);

        bar.Report(new DissectionProgress("a", 0, 3));
        clock.Advance(TimeSpan.FromSeconds(1));
        bar.Report(new DissectionProgress("a", 3, 3));
        clock.Advance(TimeSpan.FromSeconds(1));
        bar.Report(new DissectionProgress("a", 2, 3));

        Assert.DoesNotContain(" 2/3 ", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\u001b[K" + error.NewLine, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_EndsAnUnfinishedLine_SoThatAnErrorStartsOnItsOwn()
    {
        using var error = new StringWriter();
        var bar = new ProgressBar(error, colour: false, new ManualClock());

        bar.Report(new DissectionProgress("a", 1, 3));
        bar.Dispose();

        Assert.EndsWith("\u001b[K" + error.NewLine, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NextStage_StartsOnANewLine()
    {
        using var error = new StringWriter();
        using var bar = new ProgressBar(error, colour: false, new ManualClock());

        bar.Report(new DissectionProgress("a", 1, 3));
        bar.Report(new DissectionProgress("b", 0, 3));

        Assert.Contains("\u001b[K" + error.NewLine + "\rb [", error.ToString(), StringComparison.Ordinal);
    }
}
