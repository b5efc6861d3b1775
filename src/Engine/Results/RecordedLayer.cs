using HndGate.Engine.Dissection;

namespace HndGate.Engine.Results;

/// <summary>What a results file records of one layer: a <see cref="DissectedLayer"/> without R3's IoU counts.</summary>
/// <param name="TopCount">k of R2.</param>
/// <param name="Units">One record per unit, in unit order.</param>
public sealed record RecordedLayer(string Name, int MapHeight, int MapWidth, long TopCount, LayerSummary Summary, IReadOnlyList<UnitRecord> Units)
{
    public static RecordedLayer Of(DissectedLayer layer) => new(
        layer.Name,
        layer.MapHeight,
        layer.MapWidth,
        layer.Result.TopCount,
        layer.Result.Summary,
        layer.Result.Units);
}
