namespace HndGate.Bench;

/// <summary>
/// Samples the anonymous and file-backed resident memory every 20 ms on a background thread and keeps the
/// largest of each (the kernel keeps only the peak of their sum, VmHWM). Costs nothing measurable.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _anonymous;
    private long _fileBacked;

    public MemorySampler()
    {
        Sample();
        _thread = new Thread(() =>
        {
            while (!_stop.Token.WaitHandle.WaitOne(20))
            {
                Sample();
            }
        })
        {
            IsBackground = true,
        };
        _thread.Start();
    }

    public long PeakAnonymous => Interlocked.Read(ref _anonymous);

    public long PeakFileBacked => Interlocked.Read(ref _fileBacked);

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        Sample();
        _stop.Dispose();
    }

    private void Sample()
    {
        Interlocked.Exchange(ref _anonymous, Math.Max(Interlocked.Read(ref _anonymous), ProcessMemory.Anonymous()));
        Interlocked.Exchange(ref _fileBacked, Math.Max(Interlocked.Read(ref _fileBacked), ProcessMemory.FileBacked()));
    }
}
