using HndGate.Engine.Results;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// Merges the shards of a sharded dissection (docs/sharding.md): phase-1 states into the thresholds (R2's
/// top-k merged exactly, extremes concatenated in canonical order), and phase-2 tallies into the results
/// (R3's counts summed, then the stages R4–R8), byte-identical to the unsharded run's. The shards may be given
/// in any order: they are taken in shard order. Shards of other runs, missing and repeated shards are refused.
/// </summary>
public sealed class ShardMerger(JsonSchemaValidator validator)
{
    /// <summary>Merges every shard's phase-1 state and writes the thresholds folder to <see cref="MergeOptions.OutputPath"/>; <paramref name="cancel"/> stops it with nothing written.</summary>
    public ShardManifest Thresholds(MergeOptions options, IProgress<DissectionProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        if (options.Phase != 1)
        {
            throw new ArgumentException("phase-2 tallies merge into results", nameof(options));
        }

        // Manifests first, so that a wrong set is refused before any tensor is read.
        var ordered = InShardOrder(options.Inputs.Select(f => (f, ShardManifestReader.Read(f, validator))).ToList(), ShardContent.Phase1);
        var counter = new StageCounter("merging shards", ordered.Count, progress);
        counter.Start();
        var merged = StateFolder.ReadThresholds(ordered[0].Folder, validator);
        try
        {
            counter.Step();
            foreach (var (folder, _) in ordered.Skip(1))
            {
                cancel.ThrowIfCancellationRequested();
                using var later = StateFolder.ReadThresholds(folder, validator);
                merged.State.Merge(later.State);
                counter.Step();
            }

            cancel.ThrowIfCancellationRequested();
            var manifest = new ShardManifest(ShardContent.Thresholds, null, merged.Manifest.Plan, merged.State.Local, merged.State.Global, null);
            StateFolder.WriteThresholds(options.OutputPath, manifest, merged.State);
            return manifest;
        }
        finally
        {
            merged.Dispose();
        }
    }

    /// <summary>Merges every shard's phase-2 tally with the thresholds into the results; <paramref name="cancel"/> stops the reading.</summary>
    public DissectionResults Results(MergeOptions options, IProgress<DissectionProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        if (options.Phase != 2)
        {
            throw new ArgumentException("phase-1 states merge into thresholds", nameof(options));
        }

        var folder = options.ThresholdsPath!;
        using var thresholds = StateFolder.ReadThresholds(folder, validator);
        if (thresholds.Manifest.Content != ShardContent.Thresholds)
        {
            throw new HndGateInputException(
                $"this is {thresholds.Manifest.Description}, not merged thresholds: give --thresholds the folder 'hnd-gate merge --phase 1' wrote",
                folder);
        }

        var counter = new StageCounter("reading tallies", options.Inputs.Count, progress);
        counter.Start();
        var tallies = options.Inputs.Select(f =>
        {
            cancel.ThrowIfCancellationRequested();
            var tally = StateFolder.ReadTally(f, validator);
            counter.Step();
            return tally;
        }).ToList();
        var ordered = InShardOrder(tallies.Select(t => (t.Folder, t.Manifest)).ToList(), ShardContent.Phase2);
        var plan = thresholds.Manifest.Plan;
        foreach (var tally in tallies)
        {
            if (PlanDifference.Between(plan, tally.Manifest.Plan) is { } difference)
            {
                throw new HndGateInputException($"the tally was made with {difference} than the thresholds {folder}: merge only the parts of one run", tally.Folder);
            }

            if (tally.Manifest.ThresholdsHash != thresholds.Hash)
            {
                throw new HndGateInputException(
                    $"the tally was made against other thresholds ({tally.Manifest.ThresholdsHash}) than {folder} ({thresholds.Hash}): run its phase 2 again with --thresholds {folder}",
                    tally.Folder);
            }
        }

        var byFolder = tallies.ToDictionary(t => t.Folder, StringComparer.Ordinal);
        var counts = plan.Layers
            .Select((_, l) => ordered.Select(o => byFolder[o.Folder].Counts[l]).Aggregate((a, b) => a.Merge(b)))
            .ToList();
        return plan.Conclude(thresholds.State, counts);
    }

    /// <summary>
    /// The parts in shard order, after checking that they hold <paramref name="content"/>, belong to one run
    /// and are every shard of it exactly once.
    /// </summary>
    private static IReadOnlyList<(string Folder, ShardManifest Manifest)> InShardOrder(IReadOnlyList<(string Folder, ShardManifest Manifest)> parts, ShardContent content)
    {
        var expected = content == ShardContent.Phase1
            ? "'hnd-gate merge --phase 1' takes the folders of 'hnd-gate dissect --shard i/n --phase 1'"
            : "'hnd-gate merge --phase 2' takes the folders of 'hnd-gate dissect --shard i/n --phase 2'";
        foreach (var (folder, manifest) in parts)
        {
            if (manifest.Content != content)
            {
                throw new HndGateInputException($"this is {manifest.Description}: {expected}", folder);
            }
        }

        var (firstFolder, first) = parts[0];
        var count = first.Shard!.Count;
        foreach (var (folder, manifest) in parts.Skip(1))
        {
            if (PlanDifference.Between(first.Plan, manifest.Plan) is { } difference)
            {
                throw new HndGateInputException($"the shard was made with {difference} than {firstFolder}: merge only the shards of one run", folder);
            }

            if (manifest.Shard!.Count != count)
            {
                throw new HndGateInputException($"this is shard {manifest.Shard} but {firstFolder} is shard {first.Shard}: the shards of one run share n", folder);
            }
        }

        var byIndex = new Dictionary<int, string>();
        foreach (var (folder, manifest) in parts)
        {
            if (!byIndex.TryAdd(manifest.Shard!.Index, folder))
            {
                throw new HndGateInputException($"both this folder and {byIndex[manifest.Shard.Index]} are shard {manifest.Shard}: give each shard once", folder);
            }
        }

        var missing = Enumerable.Range(1, count).Where(i => !byIndex.ContainsKey(i)).ToList();
        if (missing.Count > 0)
        {
            throw new HndGateInputException(
                $"{(missing.Count == 1 ? "shard" : "shards")} {string.Join(", ", missing.Select(i => new Shard(i, count)))} {(missing.Count == 1 ? "is" : "are")} missing: give the folders of all {count} shards (these were given: {string.Join(", ", parts.Select(p => p.Folder))})");
        }

        return parts.OrderBy(p => p.Manifest.Shard!.Index).ToList();
    }
}
