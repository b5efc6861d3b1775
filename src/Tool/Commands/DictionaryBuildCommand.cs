using System.Globalization;
using HndGate.Engine;
using HndGate.Engine.Dictionary.Building;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("build", Description = "Build a Face Dictionary (Format B) from face images, 68-point landmarks and labels: one confidence-ellipse mask per concept per image.")]
internal sealed class DictionaryBuildCommand
{
    [Option("--images <DIR>", Description = "Folder the image paths in the CSV files are relative to.")]
    public string? Images { get; init; }

    [Option("--landmarks <FILE>", Description = "CSV with header image,x0,y0,...,x67,y67 (iBUG 300-W order, pixels, 0-based).")]
    public string? Landmarks { get; init; }

    [Option("--labels <FILE>", Description = "CSV image,labels (';'-separated concepts) or a CelebA attribute table in CSV form (image_id,...).")]
    public string? Labels { get; init; }

    [Option("--globals <FILE>", Description = "Optional CSV image,family,subgroup for the global set.")]
    public string? Globals { get; init; }

    [Option("--concept-map <FILE>", Description = "Concept→landmark mapping (schemas/concept-map.schema.json); default: the standard map.")]
    public string? ConceptMap { get; init; }

    [Option("--confidence <P>", Description = "Confidence level of the ellipses, overriding the concept map's (e.g. 0.95).")]
    public string? Confidence { get; init; }

    [Option("--out <DIR>", Description = "Dictionary folder to write.")]
    public string? Out { get; init; }

    [Option("--force", Description = "Replace the output folder if it is not empty.")]
    public bool Force { get; init; }

    private int OnExecute(IConsole console)
    {
        // Checked here, not with [Required]: McMaster's validation of a subcommand would exit 1 (gate failed).
        foreach (var (value, option) in new[] { (Images, "--images"), (Landmarks, "--landmarks"), (Labels, "--labels"), (Out, "--out") })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new HndGateInputException($"{option} is required (see 'hnd-gate dictionary build --help')");
            }
        }

        double? confidence = null;
        if (Confidence is not null)
        {
            if (!double.TryParse(Confidence, NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
            {
                throw new HndGateInputException($"--confidence '{Confidence}' is not a number");
            }

            confidence = p;
        }

        var result = DictionaryBuilder.Build(new DictionaryBuildOptions
        {
            ImagesFolder = Images!,
            LandmarksFile = Landmarks!,
            LabelsFile = Labels!,
            OutputFolder = Out!,
            GlobalsFile = Globals,
            ConceptMapFile = ConceptMap,
            Confidence = confidence,
            Overwrite = Force,
        });

        console.Out.WriteLine($"wrote {result.Root}");
        console.Out.WriteLine(FormattableString.Invariant($"local images {result.LocalImages}, masks {result.Masks}, global images {result.GlobalImages}"));
        console.Out.WriteLine($"content hash {result.ContentHash}");
        return ExitCodes.Pass;
    }
}
