using HndGate.Engine.Imaging;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// One shard's phase of a sharded dissection (docs/sharding.md), through the same passes as the unsharded
/// <see cref="Dissector"/>, a range at a time. Phase 1 passes the shard's local and global images (R2's
/// top-k with the whole local set's k, per-image extremes) and writes that state; phase 2 tallies the shard's
/// local images against the merged thresholds (R3) and writes the counts. Nothing is cached between the
/// phases, but every statistic is rounded as the unsharded run rounds it (<see cref="ActivationPrecision"/>).
/// </summary>
public sealed class ShardedDissector(ImageFileDecoder decoder, JsonSchemaValidator validator)
{
    /// <summary>Runs the phase <paramref name="options"/> name and writes its state folder to <see cref="DissectOptions.OutputPath"/>.</summary>
    /// <returns>The manifest written.</returns>
    public ShardManifest Run(DissectOptions options, IProgress<DissectionProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        var shard = options.Shard ?? throw new ArgumentException("a sharded run needs a shard; the whole run goes through Dissector", nameof(options));
        return options.Phase == 1
            ? PhaseOne(options, shard, progress, cancel)
            : PhaseTwo(options, shard, progress, cancel);
    }

    private ShardManifest PhaseOne(DissectOptions options, Shard shard, IProgress<DissectionProgress>? progress, CancellationToken cancel)
    {
        using var inputs = DissectionInputs.Open(options, decoder, validator);
        var plan = inputs.Plan;
        var local = shard.Range(plan.Concepts.LocalImages);
        var global = shard.Range(plan.Concepts.GlobalImages);
        using var state = StatisticsPass.Run(inputs, local, global, null, null, progress, cancel);
        var manifest = new ShardManifest(ShardContent.Phase1, shard, plan, local, global, null);
        StateFolder.WriteThresholds(options.OutputPath, manifest, state);
        return manifest;
    }

    private ShardManifest PhaseTwo(DissectOptions options, Shard shard, IProgress<DissectionProgress>? progress, CancellationToken cancel)
    {
        var folder = options.ThresholdsPath!;
        using var thresholds = StateFolder.ReadThresholds(folder, validator);
        if (thresholds.Manifest.Content != ShardContent.Thresholds)
        {
            throw new HndGateInputException(
                $"this is {thresholds.Manifest.Description}, not merged thresholds: give --thresholds the folder 'hnd-gate merge --phase 1' wrote from every shard's phase 1",
                folder);
        }

        using var inputs = DissectionInputs.Open(options, decoder, validator);
        if (PlanDifference.Between(inputs.Plan, thresholds.Manifest.Plan) is { } difference)
        {
            throw new HndGateInputException(
                $"the thresholds were made with {difference}: run phase 2 with the dictionary, model and options of phase 1",
                folder);
        }

        var local = shard.Range(inputs.Plan.Concepts.LocalImages);
        var counts = TallyPass.Run(inputs, thresholds.State, local, null, null, progress, cancel);
        var manifest = new ShardManifest(ShardContent.Phase2, shard, inputs.Plan, local, new ImageRange(0, 0), thresholds.Hash);
        StateFolder.WriteTally(options.OutputPath, manifest, counts);
        return manifest;
    }
}
