using System.Globalization;
using HndGate.Engine.Dissection;
using HndGate.Engine.Results;

namespace HndGate.Engine.Gate;

/// <summary>
/// Compares current results with a baseline (typically main's last results). Two results are comparable only
/// when they were made the same way (R9): the same dictionary, layers and unit counts, stage settings (R2–R4,
/// R6) and architecture. Otherwise the comparison is refused, unless the user allows the mismatch.
/// </summary>
public static class BaselineComparer
{
    /// <summary>
    /// Every metric's delta on the layers both results have, the units whose labels changed, and the concepts
    /// each layer gained or lost. Throws <see cref="HndGateInputException"/> naming <paramref name="baselinePath"/>
    /// and every difference when the results are not comparable and <paramref name="allowMismatch"/> is false.
    /// </summary>
    public static BaselineComparison Compare(RecordedResults current, RecordedResults baseline, string baselinePath, bool allowMismatch)
    {
        var mismatches = Mismatches(current, baseline);
        if (mismatches.Count > 0 && !allowMismatch)
        {
            throw new HndGateInputException(
                "the baseline was not made the way the current results were, so their metrics are not comparable:"
                + string.Concat(mismatches.Select(m => "\n  - " + m))
                + "\ndissect the baseline again with the same dictionary, layers, settings and architecture, or pass --allow-mismatch to compare anyway",
                baselinePath);
        }

        var deltas = new List<MetricDelta>();
        var changedUnits = new List<UnitChange>();
        var gained = new List<LayerConcepts>();
        var lost = new List<LayerConcepts>();
        foreach (var layer in current.Layers)
        {
            var before = baseline.Layers.FirstOrDefault(l => l.Name == layer.Name);
            if (before is null)
            {
                continue;
            }

            var baselineMetrics = LayerMetrics.Of(before.Summary).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
            deltas.AddRange(LayerMetrics.Of(layer.Summary)
                .Where(m => baselineMetrics.ContainsKey(m.Key))
                .Select(m => new MetricDelta(layer.Name, m.Key, m.Value, baselineMetrics[m.Key])));

            if (layer.Units.Count == before.Units.Count)
            {
                changedUnits.AddRange(layer.Units.Zip(before.Units).Select(p => Change(layer.Name, p.First, p.Second)).OfType<UnitChange>());
            }

            var now = InterpretedConcepts(layer.Summary);
            var then = InterpretedConcepts(before.Summary);
            if (now.Except(then).ToList() is { Count: > 0 } newConcepts)
            {
                gained.Add(new LayerConcepts(layer.Name, newConcepts));
            }

            if (then.Except(now).ToList() is { Count: > 0 } goneConcepts)
            {
                lost.Add(new LayerConcepts(layer.Name, goneConcepts));
            }
        }

        return new BaselineComparison(baselinePath, mismatches, deltas, changedUnits, gained, lost, baseline.Bootstrap);
    }

    /// <summary>
    /// Refuses two results without a layer in common, even when their mismatch is allowed: <c>compare</c> would
    /// have nothing to compare, and "no metric changed" would read as a verdict. A gate still takes such a baseline
    /// with --allow-mismatch: its other bounds apply, and its regression bounds say that the baseline lacks the layer.
    /// </summary>
    public static void RequireCommonLayer(RecordedResults current, string currentPath, RecordedResults baseline, string baselinePath)
    {
        if (!current.Layers.Any(l => baseline.Layers.Any(b => b.Name == l.Name)))
        {
            throw new HndGateInputException(
                $"nothing could be compared: the two results have no layer in common (the baseline {baselinePath} has {Names(baseline.Layers.Select(l => l.Name).ToList())}; "
                + $"the current results {currentPath} have {Names(current.Layers.Select(l => l.Name).ToList())}); dissect both with the same --layer");
        }
    }

    private static List<string> Mismatches(RecordedResults current, RecordedResults baseline)
    {
        var found = new List<string>();
        void Differ(string what, string now, string then)
        {
            if (now != then)
            {
                found.Add($"{what}: the baseline's is {then}, the current results' is {now}");
            }
        }

        // The results of a dissection are not rounded until written (R9): compare what the files hold.
        string Setting(double value, string pointer) => GateNumber.Format(ResultRounding.Round(value, pointer));

        Differ("dictionary (content hash)", current.Fingerprint.DictionaryHash, baseline.Fingerprint.DictionaryHash);
        Differ("model architecture", current.Fingerprint.Model, baseline.Fingerprint.Model);

        var onlyBaseline = baseline.Layers.Select(l => l.Name).Except(current.Layers.Select(l => l.Name)).ToList();
        var onlyCurrent = current.Layers.Select(l => l.Name).Except(baseline.Layers.Select(l => l.Name)).ToList();
        if (onlyBaseline.Count > 0 || onlyCurrent.Count > 0)
        {
            // With no layer in common a comparison allowed anyway compares nothing: say so, lest "0 units changed" read as a verdict.
            var common = current.Layers.Count - onlyCurrent.Count;
            found.Add($"layers: only in the baseline: {Names(onlyBaseline)}; only in the current results: {Names(onlyCurrent)}"
                + (common == 0 ? "; no layer in common, so no metric or unit is compared" : ""));
        }

        foreach (var layer in current.Layers)
        {
            if (baseline.Layers.FirstOrDefault(l => l.Name == layer.Name) is { } before && before.Units.Count != layer.Units.Count)
            {
                Differ($"units of layer '{layer.Name}'", Count(layer.Units.Count), Count(before.Units.Count));
            }
        }

        var now = current.Settings;
        var then = baseline.Settings;
        Differ("quantile q (R2)", Setting(now.Quantile, "/settings/quantile"), Setting(then.Quantile, "/settings/quantile"));
        Differ("IoU threshold τ_iou (R4)", Setting(now.IouThreshold, "/settings/iou_threshold"), Setting(then.IouThreshold, "/settings/iou_threshold"));
        Differ("tally size (R3)", Count(now.TallySize), Count(then.TallySize));
        Differ("input size S (R1)", Count(now.InputSize), Count(then.InputSize));
        var thetasNow = now.FamilyThresholds.ToDictionary(f => f.Key, f => Setting(f.Value, "/settings/family_thresholds"), StringComparer.Ordinal);
        var thetasThen = then.FamilyThresholds.ToDictionary(f => f.Key, f => Setting(f.Value, "/settings/family_thresholds"), StringComparer.Ordinal);
        foreach (var family in thetasNow.Keys.Union(thetasThen.Keys))
        {
            Differ(
                $"θ of family '{family}' (R6)",
                thetasNow.TryGetValue(family, out var n) ? n : "none (no such family)",
                thetasThen.TryGetValue(family, out var t) ? t : "none (no such family)");
        }

        return found;
    }

    /// <summary>The unit's change of labels, or null when it has none.</summary>
    private static UnitChange? Change(string layer, UnitRecord now, UnitRecord then)
    {
        var biasedNow = BiasedSubgroups(now);
        var biasedThen = BiasedSubgroups(then);
        var conceptsNow = InterpretableConcepts(now);
        var conceptsThen = InterpretableConcepts(then);
        var change = new UnitChange(
            layer,
            now.Unit,
            biasedNow.Except(biasedThen).ToList(),
            biasedThen.Except(biasedNow).ToList(),
            conceptsNow.Except(conceptsThen).ToList(),
            conceptsThen.Except(conceptsNow).ToList());
        return change.NewlyBiased.Count + change.NoLongerBiased.Count + change.ConceptsGained.Count + change.ConceptsLost.Count > 0 ? change : null;
    }

    // R6: "family/subgroup" of every subgroup the unit is biased towards.
    private static List<string> BiasedSubgroups(UnitRecord unit) =>
        unit.Families.SelectMany(f => f.Subgroups.Where(s => s.Biased).Select(s => $"{f.Family}/{s.Subgroup}")).ToList();

    // R7: the concepts the unit is interpretable for.
    private static List<string> InterpretableConcepts(UnitRecord unit) =>
        unit.RegionConcepts.Where(c => c.Interpretable).Select(c => c.Concept).ToList();

    // R8: the concepts at least one unit of the layer is interpretable for.
    private static List<string> InterpretedConcepts(LayerSummary summary) =>
        summary.UnitsPerConcept.Where(c => c.Units > 0).Select(c => c.Name).ToList();

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
