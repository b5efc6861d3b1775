using HndGate.Engine.Dissection;

namespace HndGate.Tool;

/// <summary>
/// Progress as plain lines on standard error (no ANSI codes, so CI logs stay readable): one when a stage
/// starts, then at most one every <paramref name="interval"/> with the count, the rate and an estimate of
/// what is left, and one when the stage ends.
/// </summary>
internal sealed class ProgressLines(TextWriter error, TimeSpan interval, TimeProvider clock) : IProgressView
{
    private readonly Lock _gate = new();
    private readonly long _start = clock.GetTimestamp();
    private readonly ProgressStages _stages = new();
    private TimeSpan _lastLine;

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
                _lastLine = now;
                error.WriteLine(FormattableString.Invariant($"{value.Stage}: {value.Done}/{value.Total}"));
                return;
            }

            if (now - _lastLine < interval && value.Done < value.Total)
            {
                return;
            }

            _lastLine = now;
            var rate = ProgressRate.Of(value.Done, now - _stages.StageStart);
            error.WriteLine(FormattableString.Invariant(
                $"{value.Stage}: {value.Done}/{value.Total} ({rate:F1}/s, about {ProgressRate.Left(value.Done, value.Total, rate)} left)"));
        }
    }

    public void Dispose()
    {
    }
}
