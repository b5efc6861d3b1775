using System.Globalization;
using System.Text;
using HndGate.Engine.Dissection;

namespace HndGate.Tool;

/// <summary>
/// Progress on a terminal: one line redrawn in place on standard error (carriage return, then ANSI "erase to
/// the end of the line"), with a bar, the count, the rate and the time left. The filled part is green unless
/// colour is off (NO_COLOR). Redrawn at most every <see cref="Redraw"/>; a stage's last state and the next
/// stage each start a new line.
/// </summary>
internal sealed class ProgressBar(TextWriter error, bool colour, TimeProvider clock) : IProgressView
{
    public const int Width = 30;

    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly long _start = clock.GetTimestamp();
    private string? _stage;
    private long _done;
    private TimeSpan _stageStart;
    private TimeSpan _lastDraw;
    private bool _lineOpen;

    public void Report(DissectionProgress value)
    {
        lock (_gate)
        {
            var now = clock.GetElapsedTime(_start);
            if (value.Stage == _stage && (value.Done < _done || _done >= value.Total))
            {
                // Parallel work reports out of order: a count below the last one shown, or after the end, is stale.
                return;
            }

            _done = value.Done;
            if (value.Stage != _stage)
            {
                EndLine();
                _stage = value.Stage;
                _stageStart = now;
            }
            else if (now - _lastDraw < Redraw && value.Done < value.Total)
            {
                return;
            }

            _lastDraw = now;
            error.Write("\r" + Text(value, ProgressRate.Of(value.Done, now - _stageStart), colour) + "\u001b[K");
            _lineOpen = true;
            if (value.Done >= value.Total)
            {
                EndLine();
            }

            error.Flush();
        }
    }

    /// <summary>The line drawn for <paramref name="value"/> at <paramref name="rate"/> items per second, without the redraw codes.</summary>
    public static string Text(DissectionProgress value, double rate, bool colour)
    {
        var fraction = value.Total > 0 ? Math.Clamp((double)value.Done / value.Total, 0, 1) : 1;
        var filled = (int)Math.Floor(fraction * Width);
        var bar = new StringBuilder(Width + 12).Append('[');
        if (colour)
        {
            bar.Append("\u001b[32m");
        }

        bar.Append('#', filled);
        if (colour)
        {
            bar.Append("\u001b[0m");
        }

        bar.Append('.', Width - filled).Append(']');
        return string.Create(CultureInfo.InvariantCulture,
            $"{value.Stage} {bar} {fraction * 100,3:F0}% {value.Done}/{value.Total} {rate:F1}/s ETA {ProgressRate.Left(value.Done, value.Total, rate)}");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            EndLine();
            error.Flush();
        }
    }

    private void EndLine()
    {
        if (_lineOpen)
        {
            error.WriteLine();
            _lineOpen = false;
        }
    }
}
