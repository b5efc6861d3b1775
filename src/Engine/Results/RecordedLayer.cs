using HndGate.Engine.Dissection;

namespace HndGate.Engine.Results;

/// <summary>What a results file records of one layer: a <see cref="DissectedLayer"/> with R3's IoUs but not its raw counts.</summary>
/// <param name="TopCount">k of R2.</param>
/// <param name="Units">One record per unit, in unit order.</param>
/// <param name="Iou">IoU[u, c] of R3 for every unit (rows) and every concept in dictionary order (columns, as <see cref="LayerSummary.UnitsPerConcept"/>).</param>
public sealed record RecordedLayer(string Name, int MapHeight, int MapWidth, long TopCount, LayerSummary Summary, IReadOnlyList<UnitRecord> Units, IReadOnlyList<IReadOnlyList<double>> Iou)
{
    public static RecordedLayer Of(DissectedLayer layer) => new(
        layer.Name,
        layer.MapHeight,
        layer.MapWidth,
        layer.Result.TopCount,
        layer.Result.Summary,
        layer.Result.Units,
        Enumerable.Range(0, layer.Result.Iou.Units)
            .Select(u => (IReadOnlyList<double>)Enumerable.Range(0, layer.Result.Iou.Concepts).Select(c => layer.Result.Iou.Iou(u, c)).ToArray())
            .ToArray());
}
