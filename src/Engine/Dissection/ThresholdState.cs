using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The state after the first pass over some images (a shard's ranges, or everything): per layer the running
/// top-k and per-image extremes. Over every image it yields T_u (R2) for the tally, and with the tally's
/// counts the stages. Owns its statistics.
/// </summary>
public sealed class ThresholdState : IDisposable
{
    /// <param name="local">The local images the statistics cover.</param>
    /// <param name="global">The global images (family after family) the statistics cover.</param>
    /// <param name="layers">One entry per layer of the plan, in its order; owned from now on.</param>
    public ThresholdState(DissectionPlan plan, ImageRange local, ImageRange global, IReadOnlyList<LayerStatistics> layers)
    {
        if (layers.Count != plan.Layers.Count)
        {
            throw new ArgumentException($"the plan has {plan.Layers.Count} layers; {layers.Count} statistics were given", nameof(layers));
        }

        Plan = plan;
        Local = local;
        Global = global;
        Layers = layers;
    }

    public DissectionPlan Plan { get; }

    /// <summary>The local images the statistics cover.</summary>
    public ImageRange Local { get; private set; }

    /// <summary>The global images (family after family) the statistics cover.</summary>
    public ImageRange Global { get; private set; }

    public IReadOnlyList<LayerStatistics> Layers { get; }

    /// <summary>Whether this covers every local and global image, so that T_u is known.</summary>
    public bool IsComplete =>
        Local == ImageRange.All(Plan.Concepts.LocalImages) && Global == ImageRange.All(Plan.Concepts.GlobalImages);

    /// <summary>Fresh accumulators for the given ranges; k of each layer is that of the whole local set (R2).</summary>
    public static ThresholdState Empty(DissectionPlan plan, ImageRange local, ImageRange global, Device device)
    {
        var layers = new List<LayerStatistics>(plan.Layers.Count);
        try
        {
            foreach (var layer in plan.Layers)
            {
                var thresholds = new ActivationThresholds(layer.Shape.Units, local.Count, layer.TopCount, device);
                var extremes = plan.Concepts.GlobalImages == 0 ? null : new ActivationExtremes(layer.Shape.Units, global.Count, device);
                layers.Add(new LayerStatistics(thresholds, extremes));
            }

            return new ThresholdState(plan, local, global, layers);
        }
        catch
        {
            layers.ForEach(l => l.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Takes in <paramref name="later"/>, the state of the shard whose ranges start where these end: the result
    /// equals one pass over both (R2's top-k is exact in any order; extremes keep canonical order).
    /// </summary>
    public void Merge(ThresholdState later)
    {
        if (later.Local.First != Local.End || later.Global.First != Global.End || later.Layers.Count != Layers.Count)
        {
            throw new ArgumentException($"the state of local images {later.Local} and global images {later.Global} does not follow local {Local} and global {Global}", nameof(later));
        }

        for (var l = 0; l < Layers.Count; l++)
        {
            Layers[l].Merge(later.Layers[l]);
        }

        Local = new ImageRange(Local.First, Local.Count + later.Local.Count);
        Global = new ImageRange(Global.First, Global.Count + later.Global.Count);
    }

    /// <summary>T_u of every layer (R2), on the device of the statistics; the caller owns the tensors.</summary>
    public IReadOnlyList<Tensor> Thresholds()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException($"T_u needs every local image; this state covers {Local} of {Plan.Concepts.LocalImages}");
        }

        return Layers.Select(l => l.Local.Thresholds()).ToList();
    }

    public void Dispose()
    {
        foreach (var layer in Layers)
        {
            layer.Dispose();
        }
    }
}
