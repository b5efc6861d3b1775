using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool;

/// <summary>
/// The one place that chooses how progress is shown: nothing with --quiet; a bar redrawn in place when
/// standard error is a terminal (not redirected, TERM not "dumb"), coloured unless NO_COLOR is set
/// (no-color.org: any non-empty value); otherwise plain lines every few seconds, so CI logs get no ANSI codes.
/// </summary>
internal static class ProgressDisplay
{
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    public static IProgressView? For(IConsole console, bool quiet) =>
        Choose(console.Error, quiet, !console.IsErrorRedirected, Environment.GetEnvironmentVariable, TimeProvider.System, TerminalColumns);

    /// <param name="columns">The terminal's width in characters, asked only when a bar is drawn; 0 when unknown.</param>
    public static IProgressView? Choose(TextWriter error, bool quiet, bool errorIsTerminal, Func<string, string?> environment, TimeProvider clock, Func<int>? columns = null)
    {
        if (quiet)
        {
            return null;
        }

        var dumb = string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        if (!errorIsTerminal || dumb)
        {
            return new ProgressLines(error, LineInterval, clock);
        }

        return new ProgressBar(error, colour: string.IsNullOrEmpty(environment("NO_COLOR")), clock, columns?.Invoke() ?? 0);
    }

    // 0 (unknown) where the runtime cannot tell.
    private static int TerminalColumns()
    {
        try
        {
            return Math.Max(0, Console.WindowWidth);
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            return 0;
        }
    }
}
