using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The first pass: R2's running top-k (k of the whole local set) and the per-image extremes over a range of
/// the local images, then the per-image extremes of a range of the global images (R6). A whole run passes
/// every image; a shard its own ranges.
/// </summary>
internal static class StatisticsPass
{
    /// <param name="alsoLocal">Also sees every local batch, by layer: the activation cache, saved activations.</param>
    /// <param name="alsoGlobal">Also sees every global batch, by family and layer: saved activations.</param>
    public static ThresholdState Run(
        DissectionInputs inputs,
        ImageRange local,
        ImageRange global,
        Action<int, Tensor>? alsoLocal,
        Action<int, int, Tensor>? alsoGlobal,
        IProgress<DissectionProgress>? progress,
        CancellationToken cancel)
    {
        var state = ThresholdState.Empty(inputs.Plan, local, global, inputs.Device);
        try
        {
            foreach (var (_, batch) in inputs.Local(local, "local images, pass 1", progress, cancel))
            {
                for (var l = 0; l < batch.Count; l++)
                {
                    state.Layers[l].Local.Add(batch[l]);
                    alsoLocal?.Invoke(l, batch[l]);
                }
            }

            foreach (var (family, batch) in inputs.Global(global, progress, cancel))
            {
                for (var l = 0; l < batch.Count; l++)
                {
                    state.Layers[l].Global!.Add(batch[l]);
                    alsoGlobal?.Invoke(family, l, batch[l]);
                }
            }

            for (var l = 0; l < state.Layers.Count; l++)
            {
                RequireFinite(state.Layers[l].Local.Extremes, inputs.Plan.Layers[l].Name, "local");
                if (state.Layers[l].Global is { } extremes)
                {
                    RequireFinite(extremes, inputs.Plan.Layers[l].Name, "global");
                }
            }

            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>NaN or infinite activations would make every statistic meaningless: stop and say where.</summary>
    private static void RequireFinite(ActivationExtremes extremes, string layer, string set)
    {
        if (extremes.Count == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        if (!extremes.Maxima.isfinite().all().item<bool>() || !extremes.Minima.isfinite().all().item<bool>())
        {
            throw new HndGateRuntimeException(
                $"the layer '{layer}' gave NaN or infinite activations on the {set} images: check the model's weights and its input normalisation (mean/std in the model card)");
        }
    }
}
