namespace HndGate.Tool.Tests;

/// <summary>The outcome of one in-process run of the real command line.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = HndGateApp.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
