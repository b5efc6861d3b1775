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

Exit codes: 0 valid, 2 not valid (the message names the file, and the CSV line or JSON pointer).
""")]
internal sealed class DictionaryValidateCommand
{
    [Argument(0, "DIR", Description = "The dictionary folder.")]
    [Required]
    public string Directory { get; init; } = string.Empty;

    [Option("--lenient", Description = "Drop images with a per-image problem (missing, corrupt, oversized, mask of another size, unknown concept) and report each as a warning.")]
    public bool Lenient { get; init; }

    private int OnExecute(IConsole console)
    {
        var options = new DictionaryLoadOptions(Lenient);
        var loaded = DictionaryLoader.Load(Directory, options);
        var report = new DictionaryValidator(new ImageFileDecoder()).Validate(loaded, options);
        foreach (var warning in report.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        console.Out.Write(new TemplateRenderer().Render("dictionary/validate.scriban", report));
        return ExitCodes.Pass;
    }
}
