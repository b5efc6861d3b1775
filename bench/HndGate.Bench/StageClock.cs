using System.Diagnostics;
using HndGate.Engine.Dissection;

namespace HndGate.Bench;

/// <summary>
/// Timestamps of a dissection's progress reports, taken synchronously on the reporting thread (the
/// framework's Progress&lt;T&gt; would post them to the thread pool and blur the times). A stage ends at its
/// last report; the first stage starts when the clock starts.
/// </summary>
internal sealed class StageClock : IProgress<DissectionProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, double Seconds)> _ends = [];

    public void Report(DissectionProgress value)
    {
        var now = _clock.Elapsed.TotalSeconds;
        FirstReport ??= now;
        if (_ends.Count > 0 && _ends[^1].Stage == value.Stage)
        {
            _ends[^1] = (value.Stage, now);
        }
        else
        {
            _ends.Add((value.Stage, now));
        }
    }

    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>When the first batch was done: setup (dictionary, hashes, model) plus one batch.</summary>
    public double? FirstReport { get; private set; }

    /// <summary>Each stage's end, in the order the stages ran (seconds since the clock started).</summary>
    public IReadOnlyList<(string Stage, double End)> Ends => _ends;
}
