using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The method on one layer once its statistics are streamed: R4 region assignment, R6 Stage I, R7 Stage III
/// and R8's records and summary, from R2's thresholds and extremes and R3's tally.
/// </summary>
public static class LayerDissection
{
    /// <param name="local">R2 over the local images (complete), with their per-image extremes.</param>
    /// <param name="global">Per-image extremes of the global images laid out as <see cref="DissectionConcepts.Families"/>
    /// says; null when the dictionary has no global image.</param>
    /// <param name="iou">R3's counts over the same local images, tallied with <paramref name="local"/>'s thresholds
    /// (<see cref="IouTally.Counts"/>, or the merged counts of shards).</param>
    public static LayerResult Dissect(ActivationThresholds local, ActivationExtremes? global, IouCounts iou, DissectionConcepts concepts, DissectionParameters parameters)
    {
        var units = local.Units;
        if (local.Extremes.Images != concepts.LocalImages || iou.Images != concepts.LocalImages)
        {
            throw new ArgumentException($"the dictionary has {concepts.LocalImages} local images; the thresholds saw {local.Extremes.Images} and the tally {iou.Images}");
        }

        if (iou.Units != units || iou.Concepts != concepts.Concepts.Count || (global is not null && global.Units != units))
        {
            throw new ArgumentException($"the statistics disagree: {units} units in the thresholds, {iou.Units} in the tally, {global?.Units} in the global extremes; {iou.Concepts} concepts in the tally, {concepts.Concepts.Count} in the dictionary");
        }

        if ((global?.Images ?? 0) != concepts.GlobalImages)
        {
            throw new ArgumentException($"the global families hold {concepts.GlobalImages} images; the global extremes cover {global?.Images ?? 0}", nameof(global));
        }

        using var scope = torch.NewDisposeScope();
        var thresholds = local.Thresholds().cpu().data<float>().ToArray();
        return Conclude(thresholds, local.TopCount, local.Extremes.Maxima, local.Extremes.Minima, global?.Maxima, global?.Minima, iou, concepts, parameters);
    }

    /// <summary>
    /// R4, R6, R7 and R8 from T_u, the per-image extremes and R3's counts: <see cref="Dissect"/>'s work once its
    /// inputs are checked, and the work of each bootstrap replicate (docs/bootstrap.md), whose list of local
    /// images repeats the images drawn more than once.
    /// </summary>
    /// <param name="thresholds">T_u of R2, one per unit (recorded, not applied: <paramref name="iou"/> already holds the tally).</param>
    /// <param name="localMaxima">Local images × U, the images of <paramref name="concepts"/> in its order.</param>
    /// <param name="globalMaxima">Global images × U as <see cref="DissectionConcepts.Families"/> lays them out; null when there is none.</param>
    internal static LayerResult Conclude(
        IReadOnlyList<float> thresholds,
        long topCount,
        Tensor localMaxima,
        Tensor localMinima,
        Tensor? globalMaxima,
        Tensor? globalMinima,
        IouCounts iou,
        DissectionConcepts concepts,
        DissectionParameters parameters)
    {
        var units = thresholds.Count;
        using var scope = torch.NewDisposeScope();
        var regions = RegionAssignment.Assign(iou, concepts, parameters.IouThreshold);
        var families = globalMaxima is null || globalMinima is null
            ? GlobalConceptStage.Run(torch.zeros(0, units), torch.zeros(0, units), concepts.Families)
            : GlobalConceptStage.Run(globalMaxima, globalMinima, concepts.Families);
        var regionScores = RegionHierarchyStage.Run(localMaxima, localMinima, iou, regions, concepts);
        var topImages = TopActivatingImages.Find(localMaxima, parameters.TopImageCount);

        var records = new UnitRecord[units];
        for (var u = 0; u < units; u++)
        {
            var region = regions[u];
            var scores = regionScores[u];
            var regionConcepts = scores is null
                ? []
                : scores.Concepts.Select((c, i) => new ConceptProbability(concepts.Concepts[c].Name, scores.Probabilities[i], scores.Interpretable[i])).ToArray();
            var unitFamilies = families
                .Select(f => new FamilyProbabilities(
                    f.Family.Name,
                    f.Family.Subgroups.Select((s, i) => new SubgroupProbability(s, f.Probabilities[u][i], f.Biased[u][i])).ToArray()))
                .ToArray();
            records[u] = new UnitRecord(
                u,
                thresholds[u],
                region.TopConcept is { } top ? concepts.Concepts[top].Name : null,
                region.TopIou,
                region.Localisable,
                region.Region,
                regionConcepts,
                unitFamilies,
                topImages[u]);
        }

        return new LayerResult(topCount, records, LayerSummary.Summarise(records, concepts), iou);
    }
}
