using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Dictionary.Building;
using HndGate.Engine.Reports;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("build", Description = "Build a Face Dictionary (Format B) from face images, 68-point landmarks and labels: one confidence-ellipse mask per concept per image.",
    ExtendedHelpText = """

Parts (eyes, brows, cheeks, nose, mouth) get a mask on every image; attributes and action units where the
labels name them. Masks are the confidence ellipses of each concept's landmarks (docs/concept-map.md).

Examples:
  hnd-gate dictionary build --images ./faces --landmarks landmarks.csv --labels labels.csv --out ./dict
  hnd-gate dictionary build --images ./celeba --landmarks lm68.csv --labels list_attr_celeba.csv --out ./dict --confidence 0.9

Ctrl-C stops at the next image and leaves no output folder behind.

Exit codes: 0 written, 2 usage or input error (the message names the file and the CSV line or JSON pointer),
3 runtime failure or cancelled (nothing is written).
""")]
internal sealed class DictionaryBuildCommand
{
    [Option("--images <DIR>", Description = "Folder the image paths in the CSV files are relative to.")]
    [Required]
    public string? Images { get; init; }

    [Option("--landmarks <FILE>", Description = "CSV with header image,x0,y0,...,x67,y67 (iBUG 300-W order, pixels, 0-based).")]
    [Required]
    public string? Landmarks { get; init; }

    [Option("--labels <FILE>", Description = "CSV image,labels (';'-separated concepts) or a CelebA attribute table in CSV form (image_id,...).")]
    [Required]
    public string? Labels { get; init; }

    [Option("--globals <FILE>", Description = "Optional CSV image,family,subgroup for the global set.")]
    public string? Globals { get; init; }

    [Option("--concept-map <FILE>", Description = "Concept→landmark mapping (schemas/concept-map.schema.json); default: the standard map.")]
    public string? ConceptMap { get; init; }

    [Option("--confidence <P>", Description = "Confidence level of the ellipses, overriding the concept map's (e.g. 0.95).")]
    public double? Confidence { get; init; }

    [Option("--out <DIR>", Description = "Dictionary folder to write.")]
    [Required]
    public string? Out { get; init; }

    [Option("--force", Description = "Replace the output folder if it is not empty.")]
    public bool Force { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        var options = new DictionaryBuildOptions
        {
            ImagesFolder = Images!,
            LandmarksFile = Landmarks!,
            LabelsFile = Labels!,
            OutputFolder = Out!,
            GlobalsFile = Globals,
            ConceptMapFile = ConceptMap,
            Confidence = Confidence,
            Overwrite = Force,
        };
        using var progress = ProgressDisplay.For(console, Quiet);
        using var cancel = CancelOnCtrlC.Install(console);
        var result = DictionaryBuilder.Build(options, progress, cancel.Token);

        if (Json)
        {
            JsonSummary.Write(console, result);
        }
        else if (!Quiet)
        {
            console.Out.Write(new TemplateRenderer().Render("dictionary/build.scriban", result));
        }

        return ExitCodes.Pass;
    }
}
