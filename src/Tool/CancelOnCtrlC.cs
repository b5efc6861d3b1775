namespace HndGate.Tool;

/// <summary>
/// Ctrl-C asks the running command to stop at its next batch instead of killing the process, so outputs
/// that are written atomically are either whole or absent. A second Ctrl-C kills as usual.
/// </summary>
internal sealed class CancelOnCtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    private CancelOnCtrlC() => Console.CancelKeyPress += OnCancel;

    public CancellationToken Token => _source.Token;

    public static CancelOnCtrlC Install() => new();

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }

        e.Cancel = true;
        _source.Cancel();
    }
}
