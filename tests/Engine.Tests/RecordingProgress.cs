using System.Collections.Concurrent;
using HndGate.Engine.Dissection;

namespace HndGate.Engine.Tests;

/// <summary>Keeps every progress report, from any thread, as it comes (unlike <see cref="Progress{T}"/>, which posts them later); optionally acts on each.</summary>
public sealed class RecordingProgress(Action<DissectionProgress>? onReport = null) : IProgress<DissectionProgress>
{
    private readonly ConcurrentQueue<DissectionProgress> _reports = new();

    public IReadOnlyList<DissectionProgress> Reports => [.. _reports];

    public void Report(DissectionProgress value)
    {
        _reports.Enqueue(value);
        onReport?.Invoke(value);
    }
}
