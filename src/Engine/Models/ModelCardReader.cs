using System.Text.Json;
using HndGate.Engine.Models.Onnx;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Models;

/// <summary>Reads a model card (hnd-model.json), validated against schemas/model.schema.json.</summary>
public static class ModelCardReader
{
    public const string SchemaFile = "model.schema.json";

    public static ModelCard Read(string path, JsonSchemaValidator validator)
    {
        if (!File.Exists(path))
        {
            throw new HndGateInputException("the model card does not exist: write one with 'hnd-gate init' or see docs/model-card.md", path);
        }

        using var json = validator.ReadFile(SchemaFile, path, path);
        var root = json.Root;
        var input = root.GetProperty("input");
        var format = root.GetProperty("format").GetString()!;
        var file = root.TryGetProperty("file", out var f) ? ExistingFile(json, path, f, "/file", "model file") : null;
        var size = input.TryGetProperty("size", out var inputSize) ? inputSize.GetInt32() : (int?)null;
        if (format == ModelFormat.Onnx)
        {
            // The schema lets an ONNX card leave the size to the model's fixed input shape.
            size = OnnxGraph.Read(file!).ImageSize(size, json.At(size is null ? "/input" : "/input/size"));
        }

        var spec = new ModelInputSpec(
            size!.Value,
            input.TryGetProperty("channel_order", out var order) ? order.GetString()! : "RGB",
            input.TryGetProperty("pixel_scale", out var scale) ? scale.GetDouble() : 1.0,
            Numbers(input.GetProperty("mean")),
            Numbers(input.GetProperty("std")));
        spec.Validate(path);

        string? weights = null;
        if (root.TryGetProperty("weights", out var w))
        {
            weights = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, w.GetString()!));
            if (!File.Exists(weights))
            {
                throw json.At("/weights").Error($"the weights file '{weights}' does not exist");
            }
        }

        return new ModelCard(
            Path.GetFullPath(path),
            format,
            root.TryGetProperty("architecture", out var a) ? a.GetString() : null,
            root.TryGetProperty("num_classes", out var n) ? n.GetInt32() : 1000,
            weights,
            root.TryGetProperty("seed", out var s) ? s.GetInt64() : 0,
            root.TryGetProperty("task", out var t) ? t.GetString() : null,
            spec,
            root.GetProperty("layers").EnumerateArray().Select(l => l.GetString()!).ToList())
        {
            FilePath = file,
            Method = root.TryGetProperty("method", out var m) ? m.GetString()! : "forward",
            Outputs = root.TryGetProperty("outputs", out var o) ? o.EnumerateArray().Select(e => e.GetString()!).ToList() : [],
        };
    }

    private static string ExistingFile(ValidatedJson json, string cardPath, JsonElement relative, string pointer, string what)
    {
        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cardPath))!, relative.GetString()!));
        if (!File.Exists(full))
        {
            throw json.At(pointer).Error($"the {what} '{full}' does not exist");
        }

        return full;
    }

    private static IReadOnlyList<double> Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToList();
}
