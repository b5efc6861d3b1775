using HndGate.Engine.Dissection;

namespace HndGate.Engine;

/// <summary>
/// Counts the items of one stage done by parallel workers and reports each count to a progress view
/// (which must accept reports from several threads and in any order).
/// </summary>
internal sealed class StageCounter(string stage, long total, IProgress<DissectionProgress>? progress)
{
    private long _done;

    public void Start() => progress?.Report(new DissectionProgress(stage, 0, total));

    public void Step() => progress?.Report(new DissectionProgress(stage, Interlocked.Increment(ref _done), total));
}
