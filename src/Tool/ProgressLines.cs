using HndGate.Engine.Dissection;

namespace HndGate.Tool;

/// <summary>
/// Dissection progress as plain lines on standard error (no ANSI codes, so CI logs stay readable): one when
/// a stage starts, then at most one every few seconds with the count, the rate and an estimate of what is left.
/// </summary>
internal sealed class ProgressLines(TextWriter error, TimeSpan interval) : IProgress<DissectionProgress>
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private string? _stage;
    private TimeSpan _stageStart;
    private TimeSpan _lastLine;

    public void Report(DissectionProgress value)
    {
        var now = _clock.Elapsed;
        if (value.Stage != _stage)
        {
            _stage = value.Stage;
            _stageStart = now;
            _lastLine = now;
            error.WriteLine($"{value.Stage}: {value.Done}/{value.Total}");
            return;
        }

        if (now - _lastLine < interval && value.Done < value.Total)
        {
            return;
        }

        _lastLine = now;
        var seconds = (now - _stageStart).TotalSeconds;
        var rate = seconds > 0 ? value.Done / seconds : 0;
        var left = rate > 0 ? TimeSpan.FromSeconds((value.Total - value.Done) / rate) : TimeSpan.Zero;
        error.WriteLine(FormattableString.Invariant($"{value.Stage}: {value.Done}/{value.Total} ({rate:F1} images/s, about {left:mm\\:ss} left)"));
    }
}
