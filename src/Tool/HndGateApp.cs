using HndGate.Engine;
using HndGate.Tool.Commands;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool;

/// <summary>The command line: parses, hands a validated options record to the Engine, maps the outcome to an exit code.</summary>
public static class HndGateApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CancellationToken.None);

    /// <summary>Runs with <paramref name="stop"/> acting as Ctrl-C: a long command stops at its next item and writes nothing.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var console = new WriterConsole(output, error, stop);
        using var app = new CommandLineApplication<RootCommand>(console);
        app.Conventions.UseDefaultConventions();
        int OnValidationError(System.ComponentModel.DataAnnotations.ValidationResult result)
        {
            error.WriteLine($"error: {result.ErrorMessage}");
            return ExitCodes.InputError;
        }

        // Each subcommand has its own handler (default: exit 1): give every one ours, so usage errors exit 2.
        void HandleValidation(CommandLineApplication command)
        {
            command.ValidationErrorHandler = OnValidationError;
            foreach (var sub in command.Commands)
            {
                HandleValidation(sub);
            }
        }

        HandleValidation(app);

        try
        {
            return app.Execute(args);
        }
        catch (CommandParsingException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'hnd-gate --help' for usage.");
            return ExitCodes.InputError;
        }
        catch (HndGateInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled: stopped before the end, nothing was written");
            return ExitCodes.RuntimeFailure;
        }
        catch (HndGateRuntimeException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception e)
        {
            error.WriteLine($"unexpected error: {e.Message}");
            error.WriteLine(e.ToString());
            return ExitCodes.RuntimeFailure;
        }
    }
}
