using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("validate", Description = "Not yet written.")]
internal sealed class DictionaryValidateCommand
{
    private int OnExecute(IConsole console)
    {
        console.Error.WriteLine("not yet written");
        return ExitCodes.RuntimeFailure;
    }
}
