using HndGate.Engine.Dissection;

namespace HndGate.Engine.Results;

/// <summary>
/// The metrics a policy can gate on, named as policies name them (docs/policy.md), from a layer's R8 summary:
/// <c>coverage_hnd</c>, <c>coverage_netdissect</c>, <c>unlocalisable</c>, <c>biased_ratio[G]</c>,
/// <c>biased_ratio[G][s]</c>, <c>units_per_concept[c]</c>, <c>units_per_region[r]</c>,
/// <c>units_per_type[t]</c> and <c>local_global[c][G][s]</c>. Ratios are fractions of the layer's units;
/// the others are unit counts.
/// </summary>
public static class LayerMetrics
{
    /// <summary>Every metric of <paramref name="summary"/>, in the order above and then dictionary order.</summary>
    public static IReadOnlyList<MetricValue> Of(LayerSummary summary)
    {
        var metrics = new List<MetricValue>
        {
            new("coverage_hnd", summary.CoverageHnd),
            new("coverage_netdissect", summary.CoverageNetDissect),
            new("unlocalisable", summary.Unlocalisable),
        };
        foreach (var family in summary.BiasedRatio)
        {
            metrics.Add(new(Key("biased_ratio", family.Family), family.Ratio));
            metrics.AddRange(family.Subgroups.Select(s => new MetricValue(Key("biased_ratio", family.Family, s.Subgroup), s.Ratio)));
        }

        metrics.AddRange(summary.UnitsPerConcept.Select(c => new MetricValue(Key("units_per_concept", c.Name), c.Units)));
        metrics.AddRange(summary.UnitsPerRegion.Select(r => new MetricValue(Key("units_per_region", r.Name), r.Units)));
        metrics.AddRange(summary.UnitsPerType.Select(t => new MetricValue(Key("units_per_type", t.Name), t.Units)));
        metrics.AddRange(summary.LocalGlobal.Select(x => new MetricValue(Key("local_global", x.Concept, x.Family, x.Subgroup), x.Units)));
        return metrics;
    }

    /// <summary>A metric's key: the metric's name and its indices in brackets, e.g. <c>biased_ratio[gender][female]</c>.</summary>
    public static string Key(string metric, params string[] indices) =>
        metric + string.Concat(indices.Select(i => $"[{i}]"));
}
