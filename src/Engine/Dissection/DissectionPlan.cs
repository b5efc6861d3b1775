using HndGate.Engine.Results;

namespace HndGate.Engine.Dissection;

/// <summary>
/// What a dissection computes, fixed before the passes: the fingerprint and settings its results record, the
/// dictionary's structure the stages need (concepts, C_n, families), the local images' names and the layers.
/// Every shard of one run has the same plan, and a sharded run's states carry it, so merging needs neither
/// the model nor the dictionary.
/// </summary>
/// <param name="LocalImages">The dictionary's local image paths in canonical order (the results name them).</param>
public sealed record DissectionPlan(
    DissectionFingerprint Fingerprint,
    DissectionSettings Settings,
    DissectionConcepts Concepts,
    IReadOnlyList<string> LocalImages,
    IReadOnlyList<LayerPlan> Layers)
{
    /// <summary>Stages I–III and the summary (R4–R8) of every layer, from the complete first pass and R3's counts.</summary>
    public DissectionResults Conclude(ThresholdState statistics, IReadOnlyList<IouCounts> counts)
    {
        if (!statistics.IsComplete || counts.Count != Layers.Count)
        {
            throw new ArgumentException("the stages need the statistics of every image and the counts of every layer");
        }

        var parameters = new DissectionParameters { IouThreshold = Settings.IouThreshold };
        var layers = new List<DissectedLayer>(Layers.Count);
        for (var l = 0; l < Layers.Count; l++)
        {
            var layer = statistics.Layers[l];
            var result = LayerDissection.Dissect(layer.Local, layer.Global, counts[l], Concepts, parameters);
            layers.Add(new DissectedLayer(Layers[l].Name, Layers[l].Shape.Height, Layers[l].Shape.Width, result));
        }

        return new DissectionResults(Fingerprint, Settings, LocalImages, layers);
    }
}
