using System.Globalization;
using System.Text.Json;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Gate;

/// <summary>
/// Reads a policy file (schemas/policy.schema.json, docs/policy.md). Errors name the file, the line and the
/// JSON pointer: the schema's, and those of the checks a schema cannot make or word well (unique rule ids, at
/// least one bound, bounds that leave room, bounds some value of the metric can meet and break
/// (<see cref="MetricScale"/>), waivers of rules that exist and on their layer, expiry days that exist).
/// Metric and layer names are checked against the results by <see cref="GateEvaluator"/>.
/// </summary>
public static class PolicyReader
{
    public const string SchemaFile = "policy.schema.json";

    public static Policy Read(string path, JsonSchemaValidator validator)
    {
        if (!File.Exists(path))
        {
            throw new HndGateInputException("the policy file does not exist: write one with 'hnd-gate init' or see docs/policy.md", path);
        }

        using var json = validator.ReadFile(SchemaFile, path, path);
        var root = json.Root;
        var rules = root.GetProperty("rules").EnumerateArray().Select((rule, i) => ReadRule(json, rule, $"/rules/{i}")).ToList();
        RefuseRepeatedIds(json, rules);
        var waivers = root.TryGetProperty("waivers", out var w)
            ? w.EnumerateArray().Select((waiver, i) => ReadWaiver(json, waiver, $"/waivers/{i}", rules)).ToList()
            : [];

        return new Policy(
            path,
            root.TryGetProperty("stages", out var stages) ? ReadStages(stages) : PolicyStages.None,
            root.TryGetProperty("bootstrap", out var bootstrap)
                ? new PolicyBootstrap(
                    (int)WholeNumber(json, bootstrap.GetProperty("replicates"), "/bootstrap/replicates"),
                    bootstrap.TryGetProperty("seed", out var seed) ? WholeNumber(json, seed, "/bootstrap/seed") : null)
                : null,
            rules,
            waivers);
    }

    // The schema's "integer" admits 200.0 and numbers beyond 64 bits, which JsonElement will not read as integers.
    private static long WholeNumber(ValidatedJson json, JsonElement number, string pointer) =>
        number.TryGetInt64(out var whole)
            ? whole
            : number.TryGetDouble(out var value) && value == Math.Floor(value) && Math.Abs(value) < long.MaxValue
                ? (long)value
                : throw json.At(pointer).Error($"{number.GetRawText()} is not a whole number hnd-gate can hold; write one of at most 18 digits");

    private static PolicyStages ReadStages(JsonElement stages) => new(
        stages.TryGetProperty("quantile", out var q) ? q.GetDouble() : null,
        stages.TryGetProperty("iou_threshold", out var iou) ? iou.GetDouble() : null,
        stages.TryGetProperty("family_thresholds", out var thetas)
            ? thetas.EnumerateObject().Select(p => new KeyValuePair<string, double>(p.Name, p.Value.GetDouble())).ToList()
            : []);

    private static PolicyRule ReadRule(ValidatedJson json, JsonElement rule, string at)
    {
        double? Number(string name) => rule.TryGetProperty(name, out var value) ? value.GetDouble() : null;
        string? Text(string name) => rule.TryGetProperty(name, out var value) ? value.GetString() : null;
        RegressionBound? Change(string name)
        {
            if (!rule.TryGetProperty(name, out var change))
            {
                return null;
            }

            // The schema allows exactly one of absolute and relative.
            var amount = change.EnumerateObject().Single();
            return new RegressionBound(amount.Value.GetDouble(), amount.Name == "relative");
        }

        var min = Number("min");
        var max = Number("max");
        var increase = Change("max_increase");
        var decrease = Change("max_decrease");

        // Not in the schema: an anyOf of required bounds would add its alternatives to every other message about the rule.
        if (min is null && max is null && increase is null && decrease is null)
        {
            throw json.At(at).Error("the rule has no bound: give it at least one of min, max, max_increase and max_decrease (docs/policy.md)");
        }

        var scale = MetricScale.Of(Text("metric")!);
        RefuseOutOfScale(json, at + "/min", "min", min, scale, "can never be met, so the rule would always fail", "is always met, so it would never fail");
        RefuseOutOfScale(json, at + "/max", "max", max, scale, "can never be broken, so it would never fail", "can never be met, so the rule would always fail");
        RefuseOutOfScale(json, at + "/max_increase", "max_increase", increase, scale);
        RefuseOutOfScale(json, at + "/max_decrease", "max_decrease", decrease, scale);
        if (min > max)
        {
            throw json.At(at + "/min").Error(
                $"min {GateNumber.Format(min.Value)} is above max {GateNumber.Format(max!.Value)}: no value can pass; lower min or raise max");
        }

        var layer = Text("layer");
        return new PolicyRule(
            Text("id")!,
            Text("metric")!,
            layer,
            min,
            max,
            increase,
            decrease,
            Text("severity") ?? PolicyRule.SeverityError,
            Text("on") ?? PolicyRule.OnValue,
            Text("description"),
            json.At(at),
            json.At(at + "/metric"),
            layer is null ? null : json.At(at + "/layer"),
            rule.TryGetProperty("on", out _) ? json.At(at + "/on") : null);
    }

    // A min or max that no value of the metric can meet, or none can break (docs/policy.md, "Bounds no value can meet").
    private static void RefuseOutOfScale(ValidatedJson json, string pointer, string name, double? bound, MetricScale scale, string aboveRange, string belowZero)
    {
        if (bound is not { } value || (value >= 0 && !(scale.Fraction && value > 1)))
        {
            return;
        }

        throw json.At(pointer).Error($"{name} {GateNumber.Format(value)} {(value < 0 ? belowZero : aboveRange)}: {scale.Describe()}: {scale.Suggest(value)}");
    }

    // A change no metric can make: a fraction moves by at most 1, and nothing falls by more than all of its baseline
    // value, so such a bound is never broken. Negative amounts are the schema's to refuse.
    private static void RefuseOutOfScale(ValidatedJson json, string pointer, string name, RegressionBound? bound, MetricScale scale)
    {
        if (bound is null)
        {
            return;
        }

        var amount = GateNumber.Format(bound.Amount);
        if (!bound.Relative && scale.Fraction && bound.Amount > 1)
        {
            throw json.At(pointer + "/absolute").Error(
                $"{name} {{ \"absolute\": {amount} }} can never be broken, so it would never fail: {scale.Describe()}, so it changes by at most 1: {scale.Suggest(bound.Amount)}");
        }

        if (bound.Relative && name == "max_decrease" && bound.Amount > 1)
        {
            throw json.At(pointer + "/relative").Error(
                $"max_decrease {{ \"relative\": {amount} }} can never be broken, so it would never fail: no metric falls below 0, so none falls by more than 100% of the baseline's value: {MetricScale.SuggestRelative(bound.Amount)}");
        }
    }

    private static void RefuseRepeatedIds(ValidatedJson json, IReadOnlyList<PolicyRule> rules)
    {
        var first = new Dictionary<string, PolicyRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!first.TryAdd(rule.Id, rule))
            {
                var earlier = first[rule.Id].Location;
                throw json.At(rule.Location.JsonPointer + "/id").Error(
                    $"the rule id '{rule.Id}' is already used by the rule at {earlier.JsonPointer} (line {earlier.Line}); give each rule its own id, since waivers and reports name rules by it");
            }
        }
    }

    private static PolicyWaiver ReadWaiver(ValidatedJson json, JsonElement waiver, string at, IReadOnlyList<PolicyRule> rules)
    {
        var rule = waiver.GetProperty("rule").GetString()!;
        if (!rules.Any(r => r.Id == rule))
        {
            throw json.At(at + "/rule").Error(
                $"the waiver names the rule '{rule}', which the policy does not have; rules: {NearestNames.List(rule, rules.Select(r => r.Id))}");
        }

        var expires = waiver.GetProperty("expires").GetString()!;
        if (!DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw json.At(at + "/expires").Error($"'{expires}' is not a day of the calendar; write the waiver's last day as YYYY-MM-DD, e.g. 2027-01-31");
        }

        var layer = waiver.TryGetProperty("layer", out var l) ? l.GetString() : null;
        var waived = rules.First(r => r.Id == rule);
        if (layer is not null && waived.Layer is not null && layer != waived.Layer)
        {
            throw json.At(at + "/layer").Error(
                $"the waiver covers layer '{layer}', but the rule '{rule}' applies only to layer '{waived.Layer}', so it would waive nothing; name the rule's layer or leave the layer out");
        }

        return new PolicyWaiver(
            rule,
            layer,
            waiver.GetProperty("reason").GetString()!,
            waiver.GetProperty("owner").GetString()!,
            day,
            json.At(at),
            layer is null ? null : json.At(at + "/layer"));
    }
}
