using System.Diagnostics;

namespace HndGate.Tool.Tests.EndToEnd;

/// <summary>
/// Runs the built tool as a user does, in a process of its own: <c>dotnet hnd-gate.dll ARGS</c>. The Tool's project
/// reference copies hnd-gate.dll with its runtimeconfig and deps files next to the test assembly, so the tool
/// is found in <see cref="AppContext.BaseDirectory"/>. The host is the <c>dotnet</c> that runs the tests
/// ($DOTNET_HOST_PATH, which the SDK sets for <c>dotnet test</c>), else the one on the PATH.
/// </summary>
public static class ToolProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "hnd-gate.dll");

    /// <summary>Runs the tool with <paramref name="args"/>; <paramref name="environment"/> adds variables to the child's (a null value removes one).</summary>
    public static CliRun Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        if (!File.Exists(ToolPath) || !File.Exists(Path.ChangeExtension(ToolPath, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"the built tool is not next to the tests: {ToolPath} (build tests/Tool.Tests, which references src/Tool)");
        }

        var start = new ProcessStartInfo(Host())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Under GitHub Actions the child would append its report to the test job's own summary.
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hnd-gate {string.Join(' ', args)} ran past {Limit}");
        }

        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    private static string Host() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
