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
internal sealed class DissectCommand : DissectionArguments
{

    [Option("--out <PATH>", Description = "The results JSON to write (default hnd-results.json); with --shard, the state folder (default hnd-phase<p>-<i>-of-<n>).")]
    public string? Out { get; init; }

    [Option("--save-activations <DIR>", Description = "Also write the activations as .npy files, one folder per layer.")]
    public string? SaveActivations { get; init; }

    [Option("--no-cache", Description = "Recompute activations in a second forward pass instead of caching them (float32 throughout).")]
    public bool NoCache { get; init; }

    [Option("--bootstrap <B>", Description = "Draw B bootstrap replicates of the dictionary and record a 95% interval for every metric (docs/bootstrap.md; default 0: none).")]
    public int Bootstrap { get; init; }

    [Option("--seed <S>", Description = "With --bootstrap: the seed the replicates are drawn with (default 1).")]
    public long? Seed { get; init; }

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
        var options = ToDissectOptions(output) with
        {
            SaveActivationsDirectory = SaveActivations,
            NoCache = NoCache,
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
            options,
            progress,
            cancel.Token,
            Quiet ? null : weights => console.Error.Write(renderer.Render("models/weights.scriban", weights)),
            cacheTaken: Quiet ? null : cache => console.Error.WriteLine(cache.Description));
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
}
