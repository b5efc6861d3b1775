using System.Text.Json;
using System.Text.Json.Nodes;

namespace HndGate.Bench;

/// <summary>A mode's figures: one JSON object, printed as one line that starts with '{' (the human text never does).</summary>
internal sealed class BenchFigures
{
    private readonly JsonObject _values = [];

    public BenchFigures(string mode) => _values["mode"] = mode;

    public JsonNode? this[string key]
    {
        get => _values[key];
        set => _values[key] = value;
    }

    public string ToJsonLine() => _values.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    public static JsonObject ReadLine(string file)
    {
        var line = File.ReadLines(file).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"{file} has no JSON line of figures");
        return JsonNode.Parse(line)!.AsObject();
    }
}
