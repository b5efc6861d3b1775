using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("dictionary", Description = "Make, check and describe Face Dictionaries (the probe images).",
    ExtendedHelpText = """

Examples:
  hnd-gate dictionary synth --out ./synthetic
  hnd-gate dictionary validate ./synthetic
  hnd-gate dictionary info ./synthetic --json

Exit codes: 0 done, 2 usage or input error (without a command: this help), 3 runtime failure or cancelled.
""")]
[Subcommand(typeof(DictionaryValidateCommand), typeof(DictionaryInfoCommand), typeof(DictionaryBuildCommand), typeof(DictionarySynthCommand))]
internal sealed class DictionaryCommand
{
    private int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.InputError;
    }
}
