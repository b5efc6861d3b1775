using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("build", Description = "Not yet written.")]
internal sealed class DictionaryBuildCommand
{
    private int OnExecute(IConsole console)
    {
        console.Error.WriteLine("not yet written");
        return ExitCodes.RuntimeFailure;
    }
}
