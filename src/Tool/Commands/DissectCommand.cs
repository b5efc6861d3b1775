using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HndGate.Engine;
using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sharding;
using HndGate.Engine.Imaging;
using HndGate.Engine.Reports;
using HndGate.Engine.Results;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("dissect", Description = "Dissect layers of a model (or activation files) with a Face Dictionary and write the results JSON.",
    ExtendedHelpText = """

Examples:
  hnd-gate dissect --model hnd-model.json --dictionary ./dictionary --out results.json
  hnd-gate dissect --model hnd-model.json --dictionary ./dictionary --layer layer3 --layer layer4.1.conv1 --device cuda
  hnd-gate dissect --activations ./acts --tally-size 112 --dictionary ./dictionary --out results.json
  hnd-gate dissect --model hnd-model.json --dictionary ./dictionary --save-activations ./acts --out results.json
  hnd-gate dissect --model hnd-model.json --dictionary ./dictionary --bootstrap 200 --seed 1 --out results.json
  hnd-gate dissect --model hnd-model.json --dictionary ./dictionary --quiet --json > summary.json   (metrics by policy key)

Sharded over CI runners (docs/sharding.md), shard i of n counted from 1:
  hnd-gate dissect --model hnd-model.json --dictionary ./dictionary --shard 2/4 --phase 1 --out phase1-2
  hnd-gate merge --phase 1 --out thresholds phase1-*
  hnd-gate dissect --model hnd-model.json --dictionary ./dictionary --shard 2/4 --phase 2 --thresholds thresholds --out phase2-2
  hnd-gate merge --phase 2 --thresholds thresholds --out results.json phase2-*

--activations DIR holds local.npy (N × U × h × w, the dictionary's local images in canonical order) and
global/<family>.npy, float32 or float16 (docs/activations.md).

Progress: a bar on a terminal, plain lines every 5 s otherwise (CI logs); --quiet prints only errors and warnings.
Ctrl-C stops at the next batch and writes nothing.

Exit codes: 0 written, 2 usage/config/input error, 3 runtime failure or cancelled (nothing is written).
""")]
internal sealed class DissectCommand
{
    [Option("--dictionary <DIR>", Description = "The Face Dictionary (published layout or hnd-dictionary.json).")]
    [Required]
    public string? Dictionary { get; init; }

    [Option("--model <CARD>", Description = "The model card (hnd-model.json).")]
    public string? Model { get; init; }

    [Option("--activations <DIR>", Description = "Dissect activation files instead of running a model.")]
    public string? Activations { get; init; }

    [Option("--layer <NAME>", Description = "A layer to dissect, by dotted name; repeat for several (default: the card's layers).")]
    public string[] Layers { get; init; } = [];

    [Option("--layer-name <NAME>", Description = "With --activations: the name to record for the layer (default 'activations').")]
    public string LayerName { get; init; } = "activations";

    [Option("--out <PATH>", Description = "The results JSON to write (default hnd-results.json); with --shard, the state folder (default hnd-phase<p>-<i>-of-<n>).")]
    public string? Out { get; init; }

    [Option("--save-activations <DIR>", Description = "Also write the activations as .npy files, one folder per layer.")]
    public string? SaveActivations { get; init; }

    [Option("--device <DEVICE>", Description = "cpu, cuda, cuda:N or auto (default auto: CUDA when available).")]
    public string Device { get; init; } = "auto";

    [Option("--batch <N>", Description = "Images per forward pass (default 32).")]
    public int Batch { get; init; } = 32;

    [Option("--threads <N>", Description = "CPU threads for LibTorch (default: all cores).")]
    public int? Threads { get; init; }

    [Option("--tally-size <PX>", Description = "Resolution of the IoU tally (default: the model's input size).")]
    public int? TallySize { get; init; }

    [Option("--memory-budget <SIZE>", Description = "Memory for cached activations, e.g. 4G (default: half of the available memory).")]
    public string? MemoryBudget { get; init; }

    [Option("--no-cache", Description = "Recompute activations in a second forward pass instead of caching them (float32 throughout).")]
    public bool NoCache { get; init; }

    [Option("--quantile <Q>", Description = "Top fraction of activations above the unit threshold (R2, default 0.005).")]
    public double Quantile { get; init; } = 0.005;

    [Option("--iou-threshold <T>", Description = "IoU a unit needs to be localisable (R4, default 0.04).")]
    public double IouThreshold { get; init; } = 0.04;

    [Option("--theta <FAMILY_VALUE>", Description = "Stage I bias threshold for a family (R6), e.g. gender=0.6; repeatable.")]
    public string[] Theta { get; init; } = [];

    [Option("--bootstrap <B>", Description = "Draw B bootstrap replicates of the dictionary and record a 95% interval for every metric (docs/bootstrap.md; default 0: none).")]
    public int Bootstrap { get; init; }

    [Option("--seed <S>", Description = "With --bootstrap: the seed the replicates are drawn with (default 1).")]
    public long? Seed { get; init; }

    [Option("--lenient", Description = "Drop unreadable dictionary images with a warning instead of failing.")]
    public bool Lenient { get; init; }

    [Option("--libtorch <DIR>", Description = "Load LibTorch 2.10 from this folder (e.g. a CUDA build). Default: $HNDGATE_LIBTORCH.")]
    public string? LibTorch { get; init; }

    [Option("--shard <I/N>", Description = "Run only shard i of n (1-based, e.g. 2/4) of a sharded dissection; needs --phase.")]
    public string? Shard { get; init; }

    [Option("--phase <PHASE>", Description = "With --shard: 1 writes the shard's top-k and extremes; 2 its tally against --thresholds.")]
    public int? Phase { get; init; }

    [Option("--thresholds <DIR>", Description = "With --phase 2: the folder 'hnd-gate merge --phase 1' wrote.")]
    public string? Thresholds { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        if (Seed is not null && Bootstrap == 0)
        {
            throw new HndGateInputException("--seed is for the bootstrap: give --bootstrap B as well (e.g. --bootstrap 200)");
        }

        var shard = Shard is null ? null : Engine.Dissection.Sharding.Shard.Parse(Shard);
        var output = Out ?? (shard is null ? "hnd-results.json" : FormattableString.Invariant($"hnd-phase{Phase}-{shard.Index}-of-{shard.Count}"));
        var options = new DissectOptions
        {
            DictionaryPath = Dictionary!,
            ModelCard = Model,
            ActivationsDirectory = Activations,
            Layers = Layers,
            ActivationsLayerName = LayerName,
            OutputPath = output,
            SaveActivationsDirectory = SaveActivations,
            Device = Device,
            BatchSize = Batch,
            Threads = Threads,
            TallySize = TallySize,
            MemoryBudget = MemoryBudget is null ? null : Engine.Dissection.MemoryBudget.Parse(MemoryBudget, "--memory-budget"),
            NoCache = NoCache,
            Quantile = Quantile,
            IouThreshold = IouThreshold,
            FamilyThresholds = ParseTheta(Theta),
            Lenient = Lenient,
            Bootstrap = Bootstrap,
            Seed = Seed ?? 1,
            Shard = shard,
            Phase = Phase,
            ThresholdsPath = Thresholds,
        };
        options.Validate();
        LibTorchRuntime.Load(LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable));

        using var progress = ProgressDisplay.For(console, Quiet);
        using var cancel = CancelOnCtrlC.Install(console);
        if (shard is not null)
        {
            var manifest = new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(options, progress, cancel.Token);
            if (Json)
            {
                JsonSummary.Write(console, new { State = Path.GetFullPath(output), manifest.Description, LocalImages = manifest.Local.Count, GlobalImages = manifest.Global.Count });
            }
            else if (!Quiet)
            {
                console.Out.WriteLine(FormattableString.Invariant(
                    $"wrote {manifest.Description} ({manifest.Local.Count} local, {manifest.Global.Count} global images) to {Path.GetFullPath(output)}"));
            }

            return ExitCodes.Pass;
        }

        var renderer = new TemplateRenderer();
        var results = new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(
            options, progress, cancel.Token, Quiet ? null : weights => console.Error.Write(renderer.Render("models/weights.scriban", weights)));
        ResultsWriter.Write(results, output);
        if (Json)
        {
            JsonSummary.Write(console, ResultsSummary.Of(results, output));
        }
        else if (!Quiet)
        {
            foreach (var layer in results.Layers)
            {
                var s = layer.Result.Summary;
                console.Out.WriteLine(FormattableString.Invariant(
                    $"{layer.Name}: {s.Units} units, coverage {s.CoverageHnd:P1} (Network Dissection {s.CoverageNetDissect:P1}), ") +
                    string.Join(", ", s.BiasedRatio.Select(f => FormattableString.Invariant($"{f.Ratio:P1} biased by {f.Family}"))));
            }

            console.Out.WriteLine($"wrote {Path.GetFullPath(output)}");
        }

        return ExitCodes.Pass;
    }

    private static Dictionary<string, double> ParseTheta(IEnumerable<string> values)
    {
        var thetas = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var parts = value.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var theta) || !(theta > 0 && theta <= 1))
            {
                throw new HndGateInputException($"--theta '{value}' is not FAMILY=VALUE with 0 < VALUE ≤ 1 (e.g. gender=0.55)");
            }

            thetas[parts[0]] = theta;
        }

        return thetas;
    }
}
