using HndGate.Engine;
using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Reports;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("synth", Description = "Generate a procedural Face Dictionary (Format B): faces from a 68-landmark model with masks for the 38 standard local concepts, and global sets for age, gender, skin_tone and color_scheme.",
    ExtendedHelpText = """

The same options give the same bytes. No ethnicity family: see docs/synthetic-dictionary.md.

Examples:
  hnd-gate dictionary synth --out ./synthetic                      (2000 local, 1000 global images, 64 px)
  hnd-gate dictionary synth --out ./tiny --local 60 --global 40 --size 48 --seed 7
  hnd-gate dictionary synth --contact-sheet sheet.png --size 96    (examples with their masks, no dictionary)

Ctrl-C stops at the next image and leaves no output folder behind.

Exit codes: 0 written, 2 usage or input error, 3 runtime failure or cancelled (nothing is written).
""")]
internal sealed class DictionarySynthCommand
{
    [Option("--out <DIR>", Description = "Dictionary folder to write.")]
    public string? Out { get; init; }

    [Option("--size <PX>", Description = "Image side in pixels (default 64).")]
    public int Size { get; init; } = 64;

    [Option("--local <N>", Description = "Local images, with masks (default 2000).")]
    public int Local { get; init; } = 2000;

    [Option("--global <N>", Description = "Global images, split evenly over the subgroups (default 1000).")]
    public int Global { get; init; } = 1000;

    [Option("--seed <S>", Description = "Seed; the same seed gives the same bytes (default 1).")]
    public long Seed { get; init; } = 1;

    [Option("--contact-sheet <FILE>", Description = "Also (or only, without --out) write a PNG of example faces with their masks.")]
    public string? ContactSheet { get; init; }

    [Option("--force", Description = "Replace the output folder if it is not empty.")]
    public bool Force { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        if (Out is null && ContactSheet is null)
        {
            throw new HndGateInputException("give --out DIR (the dictionary) and/or --contact-sheet FILE");
        }

        // Checked before the sheet is written, so that a bad option leaves nothing behind.
        var options = Out is null ? null : new DictionarySynthOptions
        {
            OutputFolder = Out,
            Size = Size,
            LocalImages = Local,
            GlobalImages = Global,
            Seed = Seed,
            Overwrite = Force,
        };
        options?.Validate();

        if (ContactSheet is not null)
        {
            AtomicFile.WriteAllBytes(ContactSheet, Engine.Dictionary.Synthesis.ContactSheet.Render(Seed, Size));
            if (!Quiet && !Json)
            {
                console.Out.WriteLine($"wrote {ContactSheet}");
            }
        }

        if (options is null)
        {
            if (Json)
            {
                JsonSummary.Write(console, new { contact_sheet = Path.GetFullPath(ContactSheet!) });
            }

            return ExitCodes.Pass;
        }

        using var progress = ProgressDisplay.For(console, Quiet);
        using var cancel = CancelOnCtrlC.Install(console);
        var result = DictionarySynthesizer.Synthesize(options, progress, cancel.Token);
        if (Json)
        {
            JsonSummary.Write(console, result);
        }
        else if (!Quiet)
        {
            console.Out.Write(new TemplateRenderer().Render("dictionary/synth.scriban", result));
        }

        return ExitCodes.Pass;
    }
}
