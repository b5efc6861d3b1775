using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("hnd-gate", Description = "Hierarchical Network Dissection of face models, as a CI gate.")]
[Subcommand(typeof(DissectCommand), typeof(DictionaryCommand), typeof(DoctorCommand))]
[HelpOption("-h|--help")]
[VersionOptionFromMember("--version", MemberName = nameof(Version))]
internal sealed class RootCommand
{
    public static string Version => typeof(RootCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public const string ExitCodesHelp =
        "Exit codes: 0 pass, 1 gate failed, 2 usage/config/input error, 3 runtime failure.";

    private int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.InputError;
    }
}
