using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("hnd-gate", Description = "Hierarchical Network Dissection of face models, as a CI gate.", ExtendedHelpText = "\n" + Examples + "\n\n" + ExitCodesHelp + "\n")]
[Subcommand(typeof(CheckCommand), typeof(ReportCommand), typeof(CompareCommand), typeof(DissectCommand), typeof(MergeCommand), typeof(InitCommand), typeof(LayersCommand), typeof(DictionaryCommand), typeof(DoctorCommand))]
[HelpOption("-h|--help")]
[VersionOptionFromMember("--version", MemberName = nameof(Version))]
internal sealed class RootCommand
{
    public static string Version => typeof(RootCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public const string ExitCodesHelp = """
        Exit codes (every command; each command's --help says which it uses):
          0  pass (warnings allowed)
          1  gate failed
          2  usage/config/input error (the message names the file, and the line or JSON pointer)
          3  runtime failure, or cancelled with Ctrl-C (nothing half-written is left)
        """;

    private const string Examples = """
        Examples:
          hnd-gate doctor
          hnd-gate init --model gender_resnet50.pth --dictionary ./face-dictionary
          hnd-gate dissect --model hnd-model.json --dictionary ./face-dictionary --out results.json
          hnd-gate dictionary synth --out ./synthetic --quiet

        Long commands show a progress bar on a terminal and plain lines in CI logs; --quiet silences both.
        """;

    private int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.InputError;
    }
}
