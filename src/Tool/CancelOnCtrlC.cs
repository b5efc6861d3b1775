using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool;

/// <summary>
/// Ctrl-C asks the running command to stop at its next batch instead of killing the process, so outputs
/// that are written atomically are either whole or absent. A second Ctrl-C kills as usual. The token also
/// follows the stop token of an in-process run (<see cref="WriterConsole.Stop"/>), so tests can cancel mid-run.
/// </summary>
internal sealed class CancelOnCtrlC : IDisposable
{
    private readonly CancellationTokenSource _source;

    private CancelOnCtrlC(CancellationToken stop)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _source.Token;

    public static CancelOnCtrlC Install(IConsole console) => new(console is WriterConsole writer ? writer.Stop : CancellationToken.None);

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
