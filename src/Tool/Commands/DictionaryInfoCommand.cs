using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("info", Description = "Not yet written.")]
internal sealed class DictionaryInfoCommand
{
    private int OnExecute(IConsole console)
    {
        console.Error.WriteLine("not yet written");
        return ExitCodes.RuntimeFailure;
    }
}
