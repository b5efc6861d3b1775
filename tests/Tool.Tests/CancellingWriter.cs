namespace HndGate.Tool.Tests;

/// <summary>Standard error for an in-process run that cancels the run, as Ctrl-C would, once <paramref name="trigger"/> has been written.</summary>
public sealed class CancellingWriter(string trigger, CancellationTokenSource stop) : StringWriter
{
    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        Check();
    }

    private void Check()
    {
        if (ToString().Contains(trigger, StringComparison.Ordinal))
        {
            stop.Cancel();
        }
    }
}
