using HndGate.Engine.Results;

namespace HndGate.Tool;

/// <summary>
/// What <c>dissect --json</c> and <c>merge --json</c> print: the results file and, per layer, every gateable
/// metric under the key a policy rule names it by (<see cref="LayerMetrics"/>), so a policy can be written from it.
/// </summary>
internal static class ResultsSummary
{
    public static object Of(DissectionResults results, string path) => new
    {
        Results = Path.GetFullPath(path),
        Layers = results.Layers.Select(layer => new
        {
            layer.Name,
            layer.Result.Summary.Units,
            Metrics = LayerMetrics.Of(layer.Result.Summary).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
        }).ToList(),
    };
}
