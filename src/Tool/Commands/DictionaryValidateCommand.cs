using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Imaging;
using HndGate.Engine.Reports;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("validate", Description = "Check a Face Dictionary: its listing, that every image and mask decodes whole within the size limits, mask sizes, and the manifest's content hash.",
    ExtendedHelpText = """

Reads Format B (hnd-dictionary.json) or Format A (the published Action_Units.csv, Attributes.csv,
Parts.csv and non_localizable/ folders). Prints one line: format, counts, content hash, warnings.

Examples:
  hnd-gate dictionary validate ./face-dictionary
  hnd-gate dictionary validate ./face-dictionary --lenient     (drop bad images, count them as warnings)
  hnd-gate dictionary validate ./face-dictionary --json > validation.json
  hnd-gate dictionary validate ./face-dictionary --quiet && echo valid

Exit codes: 0 valid, 2 not valid (the message names the file, and the CSV line or JSON pointer),
3 runtime failure or cancelled (Ctrl-C).
""")]
internal sealed class DictionaryValidateCommand
{
    [Argument(0, "DIR", Description = "The dictionary folder.")]
    [Required]
    public string Directory { get; init; } = string.Empty;

    [Option("--lenient", Description = "Drop images with a per-image problem (missing, corrupt, oversized, mask of another size, unknown concept) and report each as a warning.")]
    public bool Lenient { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        var options = new DictionaryLoadOptions(Lenient);
        var loaded = DictionaryLoader.Load(Directory, options);
        DictionaryValidationReport report;
        using (var progress = ProgressDisplay.For(console, Quiet))
        using (var cancel = CancelOnCtrlC.Install(console))
        {
            report = new DictionaryValidator(new ImageFileDecoder()).Validate(loaded, options, progress, cancel.Token);
        }

        foreach (var warning in report.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        if (Json)
        {
            JsonSummary.Write(console, new
            {
                valid = true,
                report.FilesDecoded,
                report.ContentHash,
                report.ContentHashChecked,
                Warnings = report.Warnings.Select(w => w.ToString()).ToList(),
                report.Statistics,
            });
        }
        else if (!Quiet)
        {
            console.Out.Write(new TemplateRenderer().Render("dictionary/validate.scriban", report));
        }

        return ExitCodes.Pass;
    }
}
