using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool;

/// <summary>
/// An <see cref="IConsole"/> over two writers, so that tests run the real command line in-process;
/// <paramref name="stop"/> cancels a long command as Ctrl-C does.
/// </summary>
internal sealed class WriterConsole(TextWriter output, TextWriter error, CancellationToken stop) : IConsole
{
    public CancellationToken Stop { get; } = stop;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader In { get; } = TextReader.Null;

    public bool IsInputRedirected => true;

    public bool IsOutputRedirected => !ReferenceEquals(Out, Console.Out) || Console.IsOutputRedirected;

    public bool IsErrorRedirected => !ReferenceEquals(Error, Console.Error) || Console.IsErrorRedirected;

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

#pragma warning disable CS0067 // Ctrl-C is handled by the commands that can be cancelled.
    public event ConsoleCancelEventHandler? CancelKeyPress;
#pragma warning restore CS0067

    public void ResetColor()
    {
    }
}
