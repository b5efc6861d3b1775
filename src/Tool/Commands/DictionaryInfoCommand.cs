using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Reports;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("info", Description = "Describe a Face Dictionary: counts per concept, region, type, family and subgroup, and the images-per-concept histogram.",
    ExtendedHelpText = """

Reads the listing and checks that every file exists; it does not decode the images (validate does).

Examples:
  hnd-gate dictionary info ./face-dictionary
  hnd-gate dictionary info ./face-dictionary --json > dictionary-stats.json

Exit codes: 0 done, 2 usage error or the dictionary cannot be read (the message names the file, and the CSV
line or JSON pointer), 3 runtime failure.
""")]
internal sealed class DictionaryInfoCommand
{
    [Argument(0, "DIR", Description = "The dictionary folder.")]
    [Required]
    public string Directory { get; init; } = string.Empty;

    [Option("--lenient", Description = "Leave out images with a per-image problem (missing file, unknown concept) and report each as a warning.")]
    public bool Lenient { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        var loaded = DictionaryLoader.Load(Directory, new DictionaryLoadOptions(Lenient));
        foreach (var warning in loaded.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        var statistics = DictionaryStatistics.Compute(loaded.Dictionary);
        console.Out.Write(Json ? statistics.ToJson() + "\n" : new TemplateRenderer().Render("dictionary/info.scriban", statistics));
        return ExitCodes.Pass;
    }
}
