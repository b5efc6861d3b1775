using System.Globalization;
using HndGate.Engine;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Bench;

/// <summary>
/// The dictionary and model card every mode reads. The default dictionary is synthesized once into a folder
/// named after everything that shapes it (engine version, seed, size, counts); the synthesizer writes the
/// folder atomically, so a folder that exists is complete. The card is rewritten on every run.
/// </summary>
internal sealed record BenchInputs(string Dictionary, string ModelCard)
{
    public const long DictionarySeed = 1;
    public const int ModelSeed = 1;

    public static BenchInputs Prepare(BenchOptions options)
    {
        Directory.CreateDirectory(options.CacheDirectory);
        // Only 'prepare' synthesizes: in a timed mode the synthesis would count in the peak RSS.
        var dictionary = options.Dictionary ?? DefaultDictionary(options.CacheDirectory, create: options.Mode == "prepare");
        var card = Path.Combine(options.CacheDirectory, FormattableString.Invariant($"resnet18-{options.Size}-{options.Layer}.hnd-model.json"));
        // ImageNet normalisation, as torchvision's ResNet-18 expects; seeded random weights (no weights file).
        AtomicFile.WriteAllText(card, string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "format": "torchvision",
              "architecture": "resnet18",
              "seed": {{ModelSeed}},
              "input": { "size": {{options.Size}}, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] },
              "layers": ["{{options.Layer}}"]
            }
            """));
        return new BenchInputs(dictionary, card);
    }

    private static string DefaultDictionary(string cache, bool create)
    {
        var defaults = new DictionarySynthOptions { OutputFolder = string.Empty };
        var folder = Path.Combine(cache, FormattableString.Invariant(
            $"dictionary-{EngineVersion.Text}-seed{DictionarySeed}-{defaults.Size}px-{defaults.LocalImages}-{defaults.GlobalImages}"));
        if (!File.Exists(Path.Combine(folder, DictionaryManifest.FileName)))
        {
            if (!create)
            {
                throw new HndGateInputException($"the default dictionary is not there yet: run 'hnd-gate-bench prepare' (with the same --cache) first, or give --dictionary", folder);
            }

            DictionarySynthesizer.Synthesize(defaults with { OutputFolder = folder, Seed = DictionarySeed, Overwrite = true });
        }

        return folder;
    }
}
