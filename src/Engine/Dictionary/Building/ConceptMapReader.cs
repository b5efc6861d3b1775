using System.Text.Json;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// Reads concept maps, validated against schemas/concept-map.schema.json (messages name the file, line and
/// JSON pointer); a concept listed twice, which the schema cannot say, is checked here.
/// </summary>
public static class ConceptMapReader
{
    public const string SchemaFile = "concept-map.schema.json";

    /// <summary>Used when a map does not set <c>min_semi_axis</c>: covers at least the pixel nearest the centre.</summary>
    public const double DefaultMinSemiAxis = 1.0;

    private const string StandardResource = "HndGate.Engine.Dictionary.Building.standard-concept-map.json";

    private static readonly Lazy<ConceptMap> StandardMap = new(() =>
    {
        using var stream = typeof(ConceptMapReader).Assembly.GetManifestResourceStream(StandardResource)
            ?? throw new InvalidOperationException($"the embedded resource {StandardResource} is missing");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return Parse(bytes.ToArray(), "standard-concept-map.json (built in)", new JsonSchemaValidator());
    });

    /// <summary>The standard mapping of the 38 standard local concepts (standard@1), shipped inside the Engine.</summary>
    public static ConceptMap Standard => StandardMap.Value;

    /// <summary>Reads a concept map file; <paramref name="path"/> names it in messages.</summary>
    public static ConceptMap Load(string path, JsonSchemaValidator validator)
    {
        if (!File.Exists(path))
        {
            throw new HndGateInputException("the concept map file does not exist", path);
        }

        using var json = validator.ReadFile(SchemaFile, path, path);
        return From(json);
    }

    /// <summary>Parses and checks concept-map JSON (UTF-8); <paramref name="file"/> names it in messages.</summary>
    public static ConceptMap Parse(byte[] json, string file, JsonSchemaValidator validator)
    {
        using var validated = validator.Validate(SchemaFile, json, file);
        return From(validated);
    }

    private static ConceptMap From(ValidatedJson json)
    {
        var root = json.Root;
        var entries = new List<ConceptLandmarks>();
        var index = 0;
        foreach (var item in root.GetProperty("concepts").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            if (entries.Any(e => e.Concept.Name == name))
            {
                throw json.At($"/concepts/{index}/name").Error($"the concept '{name}' is listed twice: keep one entry per concept");
            }

            ConceptTypeNames.TryParse(item.GetProperty("type").GetString()!, out var type);
            var groups = item.GetProperty("landmarks").EnumerateArray()
                .Select(g => (IReadOnlyList<int>)g.EnumerateArray().Select(i => i.GetInt32()).ToList())
                .ToList();
            entries.Add(new ConceptLandmarks(new Concept(name, type, item.GetProperty("region").GetString()!), groups));
            index++;
        }

        return new ConceptMap(
            root.GetProperty("name").GetString()!,
            root.GetProperty("version").GetInt32(),
            root.GetProperty("landmark_model").GetString()!,
            root.GetProperty("confidence").GetDouble(),
            root.TryGetProperty("min_semi_axis", out var floor) ? floor.GetDouble() : DefaultMinSemiAxis,
            entries);
    }
}
