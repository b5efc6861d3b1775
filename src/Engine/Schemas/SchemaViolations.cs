using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace HndGate.Engine.Schemas;

/// <summary>
/// Turns JsonSchema.Net's hierarchical results into the violations a user should fix: the failing
/// leaves of the tree of failed nodes, each with its instance pointer, the offending value and the
/// schema's description of what is expected.
/// </summary>
internal static partial class SchemaViolations
{
    private const int MaxValueLength = 80;

    public static IReadOnlyList<SchemaViolation> Find(EvaluationResults results, JsonElement schema, JsonElement instance)
    {
        var found = new List<SchemaViolation>();
        Collect(results, schema, instance, found);
        return found.Distinct().ToList();
    }

    private static void Collect(EvaluationResults node, JsonElement schema, JsonElement instance, List<SchemaViolation> found)
    {
        if (node.IsValid)
        {
            return;
        }

        var pointer = node.InstanceLocation.ToString();
        var errors = node.Errors ?? new Dictionary<string, string>();
        foreach (var (keyword, message) in errors)
        {
            found.Add(Describe(node, pointer, Plain(keyword, message, node, schema), schema, instance));
        }

        var failed = (node.Details ?? []).Where(d => !d.IsValid).ToList();
        foreach (var child in WithoutWrongTypeAlternatives(failed, pointer))
        {
            Collect(child, schema, instance, found);
        }

        // JsonSchema.Net 8 records no error text when `not` or a `oneOf` matching twice fails: name the keyword.
        if (errors.Count == 0 && failed.Count == 0)
        {
            found.Add(UnknownProperty(node, pointer, instance) is { } property
                ? Describe(node, pointer, $"there is no property '{property}' here", schema, instance, showValue: false)
                : Describe(node, pointer, FailedKeyword(node), schema, instance));
        }
    }

    // JsonSchema.Net's texts name the keyword's mechanics ("not a match for the indicated regular expression");
    // say what is wrong with the value instead, listing an enum's values.
    private static string Plain(string keyword, string message, EvaluationResults node, JsonElement schema) => keyword switch
    {
        "pattern" => "not a valid value here",
        "enum" when SchemaNodeAt(schema, node.SchemaLocation) is { } at
                    && at.TryGetProperty("enum", out var values)
                    && values.ValueKind == JsonValueKind.Array
            => $"must be one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetRawText()))}",
        _ => message,
    };

    // A property that an object's schema forbids (additionalProperties: { not: {} }): its name, the pointer's last step.
    private static string? UnknownProperty(EvaluationResults node, string pointer, JsonElement instance)
    {
        var passed = (node.Details ?? []).Select(d => d.EvaluationPath.ToString());
        if (!node.EvaluationPath.ToString().Contains("/additionalProperties", StringComparison.Ordinal)
            || !passed.Any(p => p.EndsWith("/not", StringComparison.Ordinal)))
        {
            return null;
        }

        var segments = JsonLineMap.Segments(pointer);
        return segments.Count > 0 && InstanceAt(instance, segments.SkipLast(1)) is { ValueKind: JsonValueKind.Object } ? segments[^1] : null;
    }

    // Of the alternatives of a oneOf/anyOf, those that failed only for being of another JSON type say
    // nothing useful when another alternative of the right type failed deeper.
    private static IEnumerable<EvaluationResults> WithoutWrongTypeAlternatives(List<EvaluationResults> failed, string pointer)
    {
        bool IsAlternative(EvaluationResults r) => AlternativePath().IsMatch(r.EvaluationPath.ToString());
        bool WrongTypeOnly(EvaluationResults r) =>
            IsAlternative(r)
            && r.InstanceLocation.ToString() == pointer
            && r.Errors is { Count: 1 } e && e.ContainsKey("type")
            && (r.Details ?? []).All(d => d.IsValid);

        var alternatives = failed.Where(IsAlternative).ToList();
        var wrongType = alternatives.Where(WrongTypeOnly).ToList();
        return wrongType.Count > 0 && wrongType.Count < alternatives.Count ? failed.Except(wrongType) : failed;
    }

    private static string FailedKeyword(EvaluationResults node)
    {
        var passed = (node.Details ?? []).Select(d => d.EvaluationPath.ToString()).ToList();
        if (passed.Any(p => p.EndsWith("/not", StringComparison.Ordinal)))
        {
            return "the value has a form that is not allowed here";
        }

        if (passed.Count(p => AlternativePath().IsMatch(p)) > 1)
        {
            return "the value fits more than one of the alternatives; it must fit exactly one";
        }

        return "the value does not match the schema";
    }

    private static SchemaViolation Describe(EvaluationResults node, string pointer, string message, JsonElement schema, JsonElement instance, bool showValue = true)
    {
        var text = message;
        if (showValue && ValueAt(instance, pointer) is { } value)
        {
            text = $"{value}: {text}";
        }

        if (DescriptionAt(schema, node.SchemaLocation) is { } description)
        {
            text = $"{text} (expected: {description})";
        }

        return new SchemaViolation(pointer, text);
    }

    // The offending value as JSON, for scalars only.
    private static string? ValueAt(JsonElement instance, string pointer)
    {
        if (InstanceAt(instance, JsonLineMap.Segments(pointer)) is not { } current
            || current.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined)
        {
            return null;
        }

        var raw = current.GetRawText();
        return raw.Length <= MaxValueLength ? raw : raw[..MaxValueLength] + "…";
    }

    // The instance's element at these pointer segments, or null when one leads nowhere.
    private static JsonElement? InstanceAt(JsonElement instance, IEnumerable<string> segments)
    {
        var current = instance;
        foreach (var segment in segments)
        {
            if (!TryStep(ref current, segment))
            {
                return null;
            }
        }

        return current;
    }

    // The "description" of the schema node that failed. JsonSchema.Net 8 adds stray segments to some
    // schema locations (".../items/<property>"), so segments that lead nowhere are skipped.
    private static string? DescriptionAt(JsonElement schema, Uri location) =>
        SchemaNodeAt(schema, location) is { } current
        && current.TryGetProperty("description", out var description)
        && description.ValueKind == JsonValueKind.String
            ? description.GetString()
            : null;

    // The schema object at a result's location, or null.
    private static JsonElement? SchemaNodeAt(JsonElement schema, Uri location)
    {
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        var current = schema;
        foreach (var segment in JsonLineMap.Segments(fragment))
        {
            TryStep(ref current, segment);
        }

        return current.ValueKind == JsonValueKind.Object ? current : null;
    }

    // One JSON pointer step: into an object's property or an array's item; false (and no move) when there is none.
    private static bool TryStep(ref JsonElement current, string segment)
    {
        if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
        {
            current = child;
            return true;
        }

        if (current.ValueKind == JsonValueKind.Array
            && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < current.GetArrayLength())
        {
            current = current[index];
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"/(oneOf|anyOf)/\d+$")]
    private static partial Regex AlternativePath();
}
