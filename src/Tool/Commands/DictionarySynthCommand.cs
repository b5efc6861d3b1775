using System.Diagnostics;
using HndGate.Engine;
using HndGate.Engine.Dictionary.Synthesis;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("synth", Description = "Generate a procedural Face Dictionary (Format B): faces from a 68-landmark model with masks for the 38 standard local concepts, and global sets for age, gender, skin_tone and color_scheme.")]
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

    private int OnExecute(IConsole console)
    {
        if (Out is null && ContactSheet is null)
        {
            throw new HndGateInputException("give --out DIR (the dictionary) and/or --contact-sheet FILE");
        }

        if (ContactSheet is not null)
        {
            if (Size is < DictionarySynthOptions.MinSize or > DictionarySynthOptions.MaxSize)
            {
                throw new HndGateInputException($"--size {Size} is outside {DictionarySynthOptions.MinSize} to {DictionarySynthOptions.MaxSize} pixels");
            }

            AtomicFile.WriteAllBytes(ContactSheet, Engine.Dictionary.Synthesis.ContactSheet.Render(Seed, Size));
            console.Out.WriteLine($"wrote {ContactSheet}");
        }

        if (Out is null)
        {
            return ExitCodes.Pass;
        }

        var clock = Stopwatch.StartNew();
        var result = DictionarySynthesizer.Synthesize(new DictionarySynthOptions
        {
            OutputFolder = Out,
            Size = Size,
            LocalImages = Local,
            GlobalImages = Global,
            Seed = Seed,
            Overwrite = Force,
        });
        clock.Stop();

        console.Out.WriteLine($"wrote {result.Root}");
        console.Out.WriteLine(FormattableString.Invariant($"local images {result.LocalImages}, masks {result.Masks}, global images {result.GlobalImages}, {clock.Elapsed.TotalSeconds:F1} s"));
        var rarest = result.ConceptCounts.MinBy(c => c.Images);
        console.Out.WriteLine(FormattableString.Invariant($"every concept on ≥ {rarest.Images} local images (rarest: {rarest.Concept})"));
        console.Out.WriteLine($"content hash {result.ContentHash}");
        return ExitCodes.Pass;
    }
}
