using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("dictionary", Description = "Make, check and describe Face Dictionaries (the probe images).")]
[Subcommand(typeof(DictionaryValidateCommand), typeof(DictionaryInfoCommand), typeof(DictionaryBuildCommand), typeof(DictionarySynthCommand))]
internal sealed class DictionaryCommand
{
    private int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.InputError;
    }
}
