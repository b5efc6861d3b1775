using HndGate.Engine.Dissection;

namespace HndGate.Tool.Tests;

public sealed class ProgressLinesTests
{
    [Fact]
    public void Report_WritesAStartLine_ThenAtMostOneLinePerInterval_AndTheEnd()
    {
        using var error = new StringWriter();
        var clock = new ManualClock();
        var lines = new ProgressLines(error, TimeSpan.FromSeconds(5), clock);

        lines.Report(new DissectionProgress("tally", 0, 100));
        clock.Advance(TimeSpan.FromSeconds(2));
        lines.Report(new DissectionProgress("tally", 20, 100));
        clock.Advance(TimeSpan.FromSeconds(3));
        lines.Report(new DissectionProgress("tally", 50, 100));
        clock.Advance(TimeSpan.FromSeconds(1));
        lines.Report(new DissectionProgress("tally", 100, 100));

        // 50 in 5 s = 10/s, 50 left = 5 s; 100 in 6 s = 16.7/s, nothing left.
        Assert.Equal(
            "tally: 0/100\ntally: 50/100 (10.0/s, about 0:05 left)\ntally: 100/100 (16.7/s, about 0:00 left)\n",
            error.ToString().ReplaceLineEndings("\n"));
    }
}
