using HndGate.Engine.Dissection.Bootstrap;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models.Weights;
using HndGate.Engine.Results;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dissection;

/// <summary>
/// A whole dissection, in the paper's order: the local images' first pass (R2 thresholds, activations kept),
/// the global images (extremes for R6), the local images' second pass (R3 tally), then the stages (R4–R8).
/// A sharded run (<see cref="Sharding.ShardedDissector"/>) goes through the same passes, a range at a time.
/// With <see cref="DissectOptions.Bootstrap"/> the tally also keeps every image's counts, and the replicates
/// follow the stages (<see cref="PercentileBootstrap"/>).
/// </summary>
public sealed class Dissector(ImageFileDecoder decoder, JsonSchemaValidator validator)
{
    /// <param name="weightsLoaded">Told what loading the model's weights file did (skipped and unused entries), when there is one.</param>
    /// <param name="planned">Shown the plan (layers, concepts) before the first pass, e.g. to check names against it; it may throw to stop the run.</param>
    /// <param name="cacheTaken">Told where the activation cache lives and how much of it spills, before the first pass.</param>
    public DissectionResults Run(
        DissectOptions options,
        IProgress<DissectionProgress>? progress = null,
        CancellationToken cancel = default,
        Action<WeightLoadReport>? weightsLoaded = null,
        Action<DissectionPlan>? planned = null,
        Action<ActivationCacheUse>? cacheTaken = null)
    {
        if (options.Shard is not null)
        {
            throw new ArgumentException("a shard's phase runs through ShardedDissector", nameof(options));
        }

        using var inputs = DissectionInputs.Open(options, decoder, validator, weightsLoaded);
        var plan = inputs.Plan;
        planned?.Invoke(plan);
        var local = ImageRange.All(plan.Concepts.LocalImages);
        var cache = inputs.Precision.Float16 ? new List<ActivationCache>(plan.Layers.Count) : null;
        try
        {
            if (cache is not null)
            {
                // Placed once the model is on its device, so that a GPU's free memory leaves the model out.
                var placement = ActivationCachePlacement.Choose(inputs.Device, options.MemoryBudget, CudaDriverMemory.Read);
                var budget = placement.BudgetBytes / plan.Layers.Count;
                var spillDirectory = Path.GetTempPath();
                foreach (var layer in plan.Layers)
                {
                    cache.Add(new ActivationCache([local.Count, layer.Shape.Units, layer.Shape.Height, layer.Shape.Width], budget, placement.Device, spillDirectory));
                }

                cacheTaken?.Invoke(new ActivationCacheUse(placement, cache.Sum(c => c.MemoryBytes), cache.Sum(c => c.SpillBytes), spillDirectory));
            }

            using var saved = options.SaveActivationsDirectory is { } directory ? new SavedActivations(directory, plan, inputs.Dictionary) : null;
            using var statistics = StatisticsPass.Run(
                inputs,
                local,
                ImageRange.All(plan.Concepts.GlobalImages),
                (l, a) =>
                {
                    cache?[l].Append(a);
                    saved?.Local(l, a);
                },
                saved is null ? null : saved.Global,
                progress,
                cancel);
            saved?.Complete();
            var perImage = options.Bootstrap > 0 ? plan.Layers.Select(l => new ImageIouCounts(plan.Concepts, l.Shape.Units)).ToList() : null;
            var counts = TallyPass.Run(inputs, statistics, local, cache, perImage, progress, cancel);
            var results = plan.Conclude(statistics, counts);
            if (perImage is null)
            {
                return results;
            }

            var layers = plan.Layers.Select((layer, l) => new BootstrapLayer(layer.Name, statistics.Layers[l].Local, statistics.Layers[l].Global, perImage[l])).ToList();
            try
            {
                return results with
                {
                    Bootstrap = PercentileBootstrap.Run(layers, plan.Concepts, plan.Settings.IouThreshold, options.Bootstrap, options.Seed, progress, cancel),
                };
            }
            finally
            {
                layers.ForEach(l => l.Dispose());
            }
        }
        finally
        {
            cache?.ForEach(c => c.Dispose());
        }
    }
}
