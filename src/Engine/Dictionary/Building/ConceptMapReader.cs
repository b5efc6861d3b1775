using System.Text.Json;
using System.Text.RegularExpressions;

namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// Reads concept maps (schemas/concept-map.schema.json). Every rule of the schema is checked here with a
/// message that names the file and the JSON pointer of the offending value.
/// </summary>
public static partial class ConceptMapReader
{
    private const string StandardResource = "HndGate.Engine.Dictionary.Building.standard-concept-map.json";

    private static readonly Lazy<ConceptMap> StandardMap = new(() =>
    {
        using var stream = typeof(ConceptMapReader).Assembly.GetManifestResourceStream(StandardResource)
            ?? throw new InvalidOperationException($"the embedded resource {StandardResource} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "standard-concept-map.json (built in)");
    });

    private static readonly string[] RootKeys = ["$schema", "name", "version", "description", "landmark_model", "confidence", "min_semi_axis", "concepts"];
    private static readonly string[] ConceptKeys = ["name", "type", "region", "landmarks"];

    /// <summary>The standard mapping of the 38 standard local concepts (standard@1), shipped inside the Engine.</summary>
    public static ConceptMap Standard => StandardMap.Value;

    /// <summary>Reads a concept map file; <paramref name="path"/> names it in messages.</summary>
    public static ConceptMap Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new HndGateInputException("the concept map file does not exist", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and checks concept-map JSON; <paramref name="file"/> names it in messages.</summary>
    public static ConceptMap Parse(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HndGateInputException($"the concept map is not valid JSON: {e.Message}", file, (int?)e.LineNumber + 1, inner: e);
        }

        using (document)
        {
            var root = document.RootElement;
            Require(root.ValueKind == JsonValueKind.Object, "the concept map must be a JSON object", file, string.Empty);
            RejectUnknownKeys(root, RootKeys, file, string.Empty);

            var name = RequireName(root, "name", file, string.Empty);
            var version = RequireProperty(root, "version", file, string.Empty);
            Require(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var versionNumber) && versionNumber >= 1, "'version' must be an integer ≥ 1", file, "/version");
            versionNumber = version.GetInt32();

            var model = RequireProperty(root, "landmark_model", file, string.Empty);
            Require(model.ValueKind == JsonValueKind.String && model.GetString() == "ibug68", "'landmark_model' must be \"ibug68\" (68 iBUG 300-W points, 0-based): no other scheme is read", file, "/landmark_model");

            var confidence = RequireProperty(root, "confidence", file, string.Empty);
            Require(confidence.ValueKind == JsonValueKind.Number && confidence.GetDouble() is > 0 and < 1, "'confidence' must be a number strictly between 0 and 1, e.g. 0.95", file, "/confidence");

            var minSemiAxis = 1.0;
            if (root.TryGetProperty("min_semi_axis", out var floor))
            {
                Require(floor.ValueKind == JsonValueKind.Number && floor.GetDouble() >= 0, "'min_semi_axis' must be a number of pixels ≥ 0", file, "/min_semi_axis");
                minSemiAxis = floor.GetDouble();
            }

            var concepts = RequireProperty(root, "concepts", file, string.Empty);
            Require(concepts.ValueKind == JsonValueKind.Array && concepts.GetArrayLength() > 0, "'concepts' must be a non-empty array", file, "/concepts");

            var entries = new List<ConceptLandmarks>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in concepts.EnumerateArray())
            {
                var pointer = $"/concepts/{index}";
                var entry = ReadConcept(item, file, pointer);
                Require(seen.Add(entry.Concept.Name), $"the concept '{entry.Concept.Name}' is listed twice", file, pointer + "/name");
                entries.Add(entry);
                index++;
            }

            return new ConceptMap(name, versionNumber, "ibug68", confidence.GetDouble(), minSemiAxis, entries);
        }
    }

    private static ConceptLandmarks ReadConcept(JsonElement item, string file, string pointer)
    {
        Require(item.ValueKind == JsonValueKind.Object, "a concept must be an object with name, type, region and landmarks", file, pointer);
        RejectUnknownKeys(item, ConceptKeys, file, pointer);
        var name = RequireName(item, "name", file, pointer);
        var typeElement = RequireProperty(item, "type", file, pointer);
        Require(
            typeElement.ValueKind == JsonValueKind.String && ConceptTypeNames.TryParse(typeElement.GetString()!, out _),
            "'type' must be one of action_unit, part, attribute",
            file,
            pointer + "/type");
        ConceptTypeNames.TryParse(typeElement.GetString()!, out var type);
        var region = RequireName(item, "region", file, pointer);

        var landmarks = RequireProperty(item, "landmarks", file, pointer);
        Require(landmarks.ValueKind == JsonValueKind.Array && landmarks.GetArrayLength() > 0, "'landmarks' must be a non-empty array of landmark groups, e.g. [[36, 37, 38, 39, 40, 41]]", file, pointer + "/landmarks");
        var groups = new List<IReadOnlyList<int>>();
        var g = 0;
        foreach (var group in landmarks.EnumerateArray())
        {
            var groupPointer = $"{pointer}/landmarks/{g}";
            Require(group.ValueKind == JsonValueKind.Array && group.GetArrayLength() > 0, "a landmark group must be a non-empty array of indices", file, groupPointer);
            var indices = new List<int>();
            var k = 0;
            foreach (var value in group.EnumerateArray())
            {
                Require(
                    value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var landmark) && landmark is >= 0 and < ConceptMap.LandmarkCount,
                    $"a landmark index must be an integer from 0 to {ConceptMap.LandmarkCount - 1} (iBUG 300-W, 0-based)",
                    file,
                    $"{groupPointer}/{k}");
                landmark = value.GetInt32();
                Require(!indices.Contains(landmark), $"landmark {landmark} appears twice in one group", file, $"{groupPointer}/{k}");
                indices.Add(landmark);
                k++;
            }

            groups.Add(indices);
            g++;
        }

        return new ConceptLandmarks(new Concept(name, type, region), groups);
    }

    private static JsonElement RequireProperty(JsonElement element, string key, string file, string pointer)
    {
        Require(element.TryGetProperty(key, out var value), $"the required property '{key}' is missing", file, pointer);
        return value;
    }

    private static string RequireName(JsonElement element, string key, string file, string pointer)
    {
        var value = RequireProperty(element, key, file, pointer);
        Require(
            value.ValueKind == JsonValueKind.String && NamePattern().IsMatch(value.GetString()!),
            $"'{key}' must be a name of letters, digits, '_', '.' and '-'",
            file,
            $"{pointer}/{key}");
        return value.GetString()!;
    }

    private static void RejectUnknownKeys(JsonElement element, string[] allowed, string file, string pointer)
    {
        foreach (var property in element.EnumerateObject())
        {
            Require(allowed.Contains(property.Name), $"unknown property '{property.Name}' (allowed: {string.Join(", ", allowed)})", file, $"{pointer}/{property.Name}");
        }
    }

    private static void Require(bool condition, string message, string file, string pointer)
    {
        if (!condition)
        {
            throw new HndGateInputException(message, file, jsonPointer: pointer.Length == 0 ? "/" : pointer);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex NamePattern();
}
