using System.Globalization;
using System.Text;
using HndGate.Engine.Dissection;

namespace HndGate.Tool;

/// <summary>
/// Progress on a terminal: one line redrawn in place on standard error (carriage return, then ANSI "erase to
/// the end of the line"), with a bar, the count, the rate and the time left. The filled part is green unless
/// colour is off (NO_COLOR); it fits in <c>columns</c>, the terminal's width when known. Redrawn at most every <see cref="Redraw"/>; a stage's last state and the next
/// stage each start a new line.
/// </summary>
internal sealed class ProgressBar(TextWriter error, bool colour, TimeProvider clock, int columns = 0) : IProgressView
{
    public const int Width = 30;

    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly long _start = clock.GetTimestamp();
    private readonly ProgressStages _stages = new();
    private TimeSpan _lastDraw;
    private bool _lineOpen;

    public void Report(DissectionProgress value)
    {
        lock (_gate)
        {
            var now = clock.GetElapsedTime(_start);
            var step = _stages.Accept(value, now);
            if (step == ProgressStages.Step.Stale)
            {
                return;
            }

            if (step == ProgressStages.Step.NewStage)
            {
                EndLine();
            }
            else if (now - _lastDraw < Redraw && value.Done < value.Total)
            {
                return;
            }

            _lastDraw = now;
            error.Write("\r" + Text(value, ProgressRate.Of(value.Done, now - _stages.StageStart), colour, columns) + "\u001b[K");
            _lineOpen = true;
            if (value.Done >= value.Total)
            {
                EndLine();
            }

            error.Flush();
        }
    }

    /// <summary>
    /// The line drawn for <paramref name="value"/> at <paramref name="rate"/> items per second, without the redraw
    /// codes. A line as wide as the terminal would wrap, and a carriage return then redraws only its last row:
    /// when <paramref name="columns"/> (0: unknown) is too narrow the bar is left out, then the text is cut.
    /// </summary>
    public static string Text(DissectionProgress value, double rate, bool colour, int columns = 0)
    {
        var fraction = value.Total > 0 ? Math.Clamp((double)value.Done / value.Total, 0, 1) : 1;
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{fraction * 100,3:F0}% {value.Done}/{value.Total} {rate:F1}/s ETA {ProgressRate.Left(value.Done, value.Total, rate)}");
        var plainLength = value.Stage.Length + Width + 4 + figures.Length;
        if (columns > 0 && plainLength >= columns)
        {
            var text = $"{value.Stage} {figures}";
            return text.Length < columns ? text : text[..Math.Max(0, columns - 1)];
        }

        var filled = (int)Math.Floor(fraction * Width);
        var bar = new StringBuilder(Width + 12).Append('[');
        if (colour && filled > 0)
        {
            bar.Append("\u001b[32m").Append('#', filled).Append("\u001b[0m");
        }
        else
        {
            bar.Append('#', filled);
        }

        bar.Append('.', Width - filled).Append(']');
        return $"{value.Stage} {bar} {figures}";
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
