using System.Globalization;
using HndGate.Engine.Results;

namespace HndGate.Engine.Gate;

/// <summary>
/// Applies a policy's rules to dissection results (docs/policy.md): every rule on every layer it names, its
/// bounds on the metric's value or an end of its bootstrap interval, regression bounds against a baseline,
/// then severity and waivers. Pure: the day that decides whether a waiver expired comes from the clock given.
/// </summary>
public static class GateEvaluator
{
    /// <summary>
    /// The verdict of <paramref name="policy"/> on <paramref name="current"/>. Regression bounds read the baseline's
    /// values from <paramref name="baseline"/> (<see cref="BaselineComparer"/>); without one they are not evaluated, and
    /// an outcome none of whose bounds could be evaluated is <see cref="RuleStatus.NotEvaluated"/>.
    /// Throws <see cref="HndGateInputException"/> at the rule when it names a metric or layer the results do not
    /// have, or gates on an interval the results do not carry.
    /// </summary>
    public static GateVerdict Evaluate(RecordedResults current, Policy policy, BaselineComparison? baseline, TimeProvider clock)
    {
        var layers = current.Layers.Select(l => l.Name).ToList();
        CheckLayers(policy, layers);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var metrics = current.Layers.ToDictionary(
            l => l.Name,
            l => LayerMetrics.Of(l.Summary),
            StringComparer.Ordinal);
        var baselineValues = baseline?.Deltas.ToDictionary(d => (d.Layer, d.Key), d => d.Baseline);

        var outcomes = new List<RuleOutcome>();
        foreach (var rule in policy.Rules)
        {
            foreach (var layer in rule.Layer is null ? layers : [rule.Layer])
            {
                var value = metrics[layer].FirstOrDefault(m => m.Key == rule.Metric)
                    ?? throw rule.MetricLocation.Error(MetricNameCheck.Explain(rule.Metric, layer, metrics[layer].Select(m => m.Key).ToList()));
                var interval = Interval(current.Bootstrap, rule, layer);
                double? baselineValue = baselineValues is not null && baselineValues.TryGetValue((layer, rule.Metric), out var b) ? b : null;
                var baselineInterval = baseline?.BaselineIntervals?.Layers.FirstOrDefault(l => l.Layer == layer)?.Metrics.FirstOrDefault(m => m.Key == rule.Metric);
                var waiver = policy.Waivers.Where(w => w.Covers(rule.Id, layer)).OrderBy(w => w.ExpiredOn(today)).FirstOrDefault();
                outcomes.Add(Outcome(rule, layer, value.Value, interval, baseline is not null, baselineValue, baselineInterval, waiver, today));
            }
        }

        return new GateVerdict(policy.File, outcomes);
    }

    /// <summary>
    /// Checks the policy's layer and metric names against the layers to be dissected and the metric keys their
    /// dictionary gives (<see cref="LayerMetrics.Keys"/>), with the messages <see cref="Evaluate"/> would give,
    /// so that a misspelt name stops <c>check</c> before the dissection rather than after it.
    /// </summary>
    public static void CheckNames(Policy policy, IReadOnlyList<string> layers, IReadOnlyList<string> metricKeys)
    {
        CheckLayers(policy, layers);
        foreach (var rule in policy.Rules)
        {
            if (!metricKeys.Contains(rule.Metric, StringComparer.Ordinal))
            {
                throw rule.MetricLocation.Error(MetricNameCheck.Explain(rule.Metric, rule.Layer ?? layers[0], metricKeys));
            }
        }
    }

    private static void CheckLayers(Policy policy, IReadOnlyList<string> layers)
    {
        string Unknown(string what, string layer) =>
            $"{what} names the layer '{layer}', which the results do not have; dissected layers, nearest first: {NearestNames.List(layer, layers)} (dissect it with --layer NAME or the model card's layers, or correct the name)";

        foreach (var rule in policy.Rules.Where(r => r.Layer is not null && !layers.Contains(r.Layer)))
        {
            throw rule.LayerLocation!.Error(Unknown("the rule", rule.Layer!));
        }

        foreach (var waiver in policy.Waivers.Where(w => w.Layer is not null && !layers.Contains(w.Layer)))
        {
            throw waiver.LayerLocation!.Error(Unknown("the waiver", waiver.Layer!));
        }
    }

    /// <summary>
    /// Throws at the first rule that gates on an end of a bootstrap interval: <c>check</c> calls it before
    /// dissecting without a bootstrap, so that the mistake costs no dissection.
    /// </summary>
    internal static void RefuseIntervalRules(Policy policy)
    {
        if (policy.Rules.FirstOrDefault(r => r.On != PolicyRule.OnValue) is { } rule)
        {
            throw NoIntervals(rule);
        }
    }

    private static HndGateInputException NoIntervals(PolicyRule rule) =>
        rule.OnLocation!.Error(
            $"the rule gates on {rule.On}, an end of the metric's 95% bootstrap interval, but the results have no bootstrap intervals: pass --bootstrap B (e.g. --bootstrap 200) or set \"bootstrap\": {{ \"replicates\": 200 }} in the policy");

    /// <summary>The metric's bootstrap interval; required when the rule gates on one of its ends.</summary>
    private static MetricInterval? Interval(BootstrapIntervals? bootstrap, PolicyRule rule, string layer)
    {
        if (bootstrap is null)
        {
            return rule.On == PolicyRule.OnValue ? null : throw NoIntervals(rule);
        }

        var interval = bootstrap.Layers.FirstOrDefault(l => l.Layer == layer)?.Metrics.FirstOrDefault(m => m.Key == rule.Metric);
        return interval is not null || rule.On == PolicyRule.OnValue
            ? interval
            : throw rule.OnLocation!.Error($"the rule gates on {rule.On}, but the results' bootstrap intervals have none for {rule.Metric} on layer '{layer}': dissect again with --bootstrap B");
    }

    private static RuleOutcome Outcome(
        PolicyRule rule,
        string layer,
        double value,
        MetricInterval? interval,
        bool baselineGiven,
        double? baselineValue,
        MetricInterval? baselineInterval,
        PolicyWaiver? waiver,
        DateOnly today)
    {
        var gated = rule.On switch
        {
            PolicyRule.OnLower95 => interval!.Lower,
            PolicyRule.OnUpper95 => interval!.Upper,
            _ => value,
        };
        // Regression compares like with like: the same end of the baseline's interval when it has one, else its value.
        var baselineGated = rule.On switch
        {
            PolicyRule.OnLower95 when baselineInterval is not null => baselineInterval.Lower,
            PolicyRule.OnUpper95 when baselineInterval is not null => baselineInterval.Upper,
            _ => baselineValue,
        };
        var bounds = BoundCheck.Of(rule, gated, baselineGated);
        var expired = waiver is not null && waiver.ExpiredOn(today);
        // A rule none of whose bounds could be applied has not passed: it is reported apart, never waived.
        var status = bounds.Checked.Count == 0 ? RuleStatus.NotEvaluated
            : bounds.Broken.Count == 0 ? RuleStatus.Passed
            : waiver is not null && !expired ? RuleStatus.Waived
            : rule.Severity == PolicyRule.SeverityWarning ? RuleStatus.Warning
            : RuleStatus.Failed;

        string Message()
        {
            var text = rule.On == PolicyRule.OnValue
                ? $"On {layer}, {rule.Metric} = {GateNumber.Format(value)}"
                : $"On {layer}, {rule.Metric} {rule.On} = {GateNumber.Format(gated)} (value {GateNumber.Format(value)})";
            if (baselineGated is { } b)
            {
                // The change of the statistic the regression bounds apply to.
                var change = gated - b;
                var statistic = rule.On == PolicyRule.OnValue || baselineInterval is null ? "" : rule.On + " ";
                var note = rule.On != PolicyRule.OnValue && baselineInterval is null ? ", its value: the baseline has no bootstrap intervals" : "";
                text += $" against the baseline's {statistic}{GateNumber.Format(b)} ({(change >= 0 ? "+" : "")}{GateNumber.Format(change)}{note})";
            }

            if (bounds.Checked.Count > 0)
            {
                text += bounds.Broken.Count == 0
                    ? $" is within {string.Join(", ", bounds.Checked)}"
                    : $" breaks {string.Join(" and ", bounds.Broken)}";
            }

            if (bounds.Unchecked.Count > 0)
            {
                var reason = baselineGiven ? $"the baseline has no {rule.Metric} on layer '{layer}'" : "no baseline";
                text += $"{(bounds.Checked.Count > 0 ? ";" : ":")} {string.Join(" and ", bounds.Unchecked)} not evaluated: {reason}";
            }

            text += status switch
            {
                RuleStatus.Waived => $", waived until {Day(waiver!.Expires)} by {waiver.Owner}: {waiver.Reason}",
                RuleStatus.Warning => " (a warning: it does not fail the gate)",
                _ => "",
            };
            if (expired)
            {
                text += $"; the waiver by {waiver!.Owner} ({waiver.Reason}) expired on {Day(waiver.Expires)}";
            }

            return text + ".";
        }

        return new RuleOutcome(
            rule.Id,
            layer,
            rule.Metric,
            rule.Severity,
            rule.On,
            value,
            gated,
            interval,
            bounds.Describe(),
            baselineValue,
            value - baselineValue,
            status,
            Message(),
            rule.Location.Line ?? 0,
            waiver is null ? null : new WaiverUse(waiver.Reason, waiver.Owner, waiver.Expires, expired, waiver.Location.Line ?? 0));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
