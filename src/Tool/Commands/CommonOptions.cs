namespace HndGate.Tool.Commands;

/// <summary>The help of the options several commands share, worded once so that they read the same everywhere.</summary>
internal static class CommonOptions
{
    public const string Quiet = "No progress and no summary: print only warnings and errors (on standard error).";

    public const string Json = "Print the summary as JSON on standard output (snake_case names), for scripts.";
}
