using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("synth", Description = "Not yet written.")]
internal sealed class DictionarySynthCommand
{
    private int OnExecute(IConsole console)
    {
        console.Error.WriteLine("not yet written");
        return ExitCodes.RuntimeFailure;
    }
}
