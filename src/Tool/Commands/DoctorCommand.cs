using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("doctor", Description = "Not yet written.")]
internal sealed class DoctorCommand
{
    private int OnExecute(IConsole console)
    {
        console.Error.WriteLine("not yet written");
        return ExitCodes.RuntimeFailure;
    }
}
