using HndGate.Engine.Dictionary;
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

    /// <summary>
    /// The keys <see cref="Of"/> gives for any layer dissected with <paramref name="concepts"/>, known before the
    /// dissection runs, so that a policy's names can be checked first.
    /// </summary>
    public static IReadOnlyList<string> Keys(DissectionConcepts concepts)
    {
        var keys = new List<string> { "coverage_hnd", "coverage_netdissect", "unlocalisable" };
        foreach (var family in concepts.Families)
        {
            keys.Add(Key("biased_ratio", family.Name));
            keys.AddRange(family.Subgroups.Select(s => Key("biased_ratio", family.Name, s)));
        }

        keys.AddRange(concepts.Concepts.Select(c => Key("units_per_concept", c.Name)));
        keys.AddRange(concepts.Regions.Select(r => Key("units_per_region", r)));
        keys.AddRange(Enum.GetValues<ConceptType>()
            .Where(t => concepts.Concepts.Any(c => c.Type == t))
            .Select(t => Key("units_per_type", t.ToName())));
        keys.AddRange(
            from c in concepts.Concepts
            from f in concepts.Families
            from s in f.Subgroups
            select Key("local_global", c.Name, f.Name, s));
        return keys;
    }

    /// <summary>A metric's key: the metric's name and its indices in brackets, e.g. <c>biased_ratio[gender][female]</c>.</summary>
    public static string Key(string metric, params string[] indices) =>
        metric + string.Concat(indices.Select(i => $"[{i}]"));
}
