using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Dissection.Sharding;
using HndGate.Engine.Results;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("merge", Description = "Merge the shards of a sharded dissection: phase-1 states into thresholds, phase-2 tallies into the results JSON.",
    ExtendedHelpText = """

A big dissection spreads over n CI runners in two phases (docs/sharding.md). Each runner i runs
'hnd-gate dissect ... --shard i/n --phase 1'; one job merges the n folders into thresholds; each runner
runs '--phase 2 --thresholds DIR'; one job merges the n tallies into results.json, byte-identical to an
unsharded 'hnd-gate dissect' with the same options. Shards may be given in any order (they are taken in
shard order); shards of another run, a missing shard or a repeated one are refused. Merging needs neither
the model nor the dictionary: the state folders carry what the results need.

Examples:
  hnd-gate merge --phase 1 --out thresholds phase1-1 phase1-2 phase1-3
  hnd-gate merge --phase 2 --thresholds thresholds --out results.json phase2-*

Ctrl-C stops at the next shard and writes nothing.

Exit codes: 0 written, 2 usage/input error (wrong, missing or repeated shards), 3 runtime failure or cancelled
(nothing is written).
""")]
internal sealed class MergeCommand
{
    [Argument(0, "STATE", Description = "The state folders of every shard of the phase.")]
    public string[] Inputs { get; init; } = [];

    [Option("--phase <PHASE>", Description = "1: merge phase-1 states into thresholds; 2: merge phase-2 tallies into results.")]
    [Required]
    public int? Phase { get; init; }

    [Option("--thresholds <DIR>", Description = "With --phase 2: the thresholds folder the tallies used.")]
    public string? Thresholds { get; init; }

    [Option("--out <PATH>", Description = "Phase 1: the thresholds folder (default hnd-thresholds); phase 2: the results JSON (default hnd-results.json).")]
    public string? Out { get; init; }

    [Option("--libtorch <DIR>", Description = "Load LibTorch 2.10 from this folder. Default: $HNDGATE_LIBTORCH.")]
    public string? LibTorch { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        var options = new MergeOptions
        {
            Phase = Phase!.Value,
            Inputs = Inputs,
            ThresholdsPath = Thresholds,
            OutputPath = Out ?? (Phase == 1 ? "hnd-thresholds" : "hnd-results.json"),
        };
        options.Validate();
        LibTorchRuntime.Load(LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable));

        var merger = new ShardMerger(new JsonSchemaValidator());
        using var progress = ProgressDisplay.For(console, Quiet);
        using var cancel = CancelOnCtrlC.Install(console);
        if (options.Phase == 1)
        {
            var manifest = merger.Thresholds(options, progress, cancel.Token);
            if (Json)
            {
                JsonSummary.Write(console, new { Thresholds = Path.GetFullPath(options.OutputPath), Shards = options.Inputs.Count, LocalImages = manifest.Local.Count, GlobalImages = manifest.Global.Count });
            }
            else if (!Quiet)
            {
                console.Out.WriteLine(FormattableString.Invariant(
                    $"merged {options.Inputs.Count} shards ({manifest.Local.Count} local, {manifest.Global.Count} global images) into thresholds {Path.GetFullPath(options.OutputPath)}"));
            }

            return ExitCodes.Pass;
        }

        var results = merger.Results(options, progress, cancel.Token);
        ResultsWriter.Write(results, options.OutputPath);
        if (Json)
        {
            JsonSummary.Write(console, ResultsSummary.Of(results, options.OutputPath));
        }
        else if (!Quiet)
        {
            console.Out.WriteLine($"merged {options.Inputs.Count} tallies into {Path.GetFullPath(options.OutputPath)}");
        }

        return ExitCodes.Pass;
    }
}
