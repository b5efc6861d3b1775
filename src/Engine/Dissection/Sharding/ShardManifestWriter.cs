using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Results;

namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// Writes a state folder's manifest as schemas/shard.schema.json describes: UTF-8, two-space indentation, LF,
/// numbers exact (shortest round-trip, so the settings read back bit for bit). Same manifest → same bytes.
/// </summary>
public static class ShardManifestWriter
{
    public const string SchemaId = "https://hnd-gate.dev/schemas/shard.schema.json";
    public const string Format = "hnd-shard";
    public const int Version = 1;

    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(ShardManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaId);
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteStartObject("tool");
            json.WriteString("name", ResultsWriter.ToolName);
            json.WriteString("version", manifest.Plan.Fingerprint.ToolVersion);
            json.WriteEndObject();
            json.WriteString("content", manifest.Content.ToName());
            if (manifest.Shard is { } shard)
            {
                json.WriteStartObject("shard");
                json.WriteNumber("index", shard.Index);
                json.WriteNumber("count", shard.Count);
                json.WriteEndObject();
            }

            WriteRange(json, "local_images", manifest.Local);
            WriteRange(json, "global_images", manifest.Global);
            if (manifest.ThresholdsHash is { } hash)
            {
                json.WriteString("thresholds_hash", hash);
            }

            WritePlan(json, manifest.Plan);
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The plan alone, in the manifest's spelling: two parts belong to one run exactly when these bytes agree.</summary>
    public static byte[] SerializePlan(DissectionPlan plan)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            WritePlan(json, plan);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WritePlan(Utf8JsonWriter json, DissectionPlan plan)
    {
        WriteFingerprint(json, plan.Fingerprint);
        WriteSettings(json, plan.Settings);
        json.WriteStartArray("layers");
        foreach (var layer in plan.Layers)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Name);
            json.WriteNumber("units", layer.Shape.Units);
            json.WriteStartArray("map_size");
            json.WriteNumberValue(layer.Shape.Height);
            json.WriteNumberValue(layer.Shape.Width);
            json.WriteEndArray();
            json.WriteNumber("top_count", layer.TopCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteDictionary(json, plan.Concepts, plan.LocalImages);
    }

    private static void WriteFingerprint(Utf8JsonWriter json, DissectionFingerprint fingerprint)
    {
        json.WriteStartObject("fingerprint");
        json.WriteString("model_hash", fingerprint.ModelHash);
        json.WriteString("model", fingerprint.Model);
        json.WriteString("dictionary_hash", fingerprint.DictionaryHash);
        json.WriteString("device", fingerprint.Device);
        json.WriteStartObject("options");
        foreach (var (name, value) in fingerprint.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter json, DissectionSettings settings)
    {
        json.WriteStartObject("settings");
        json.WriteNumber("quantile", settings.Quantile);
        json.WriteNumber("iou_threshold", settings.IouThreshold);
        json.WriteNumber("tally_size", settings.TallySize);
        json.WriteNumber("input_size", settings.InputSize);
        json.WriteStartObject("family_thresholds");
        foreach (var (family, theta) in settings.FamilyThresholds)
        {
            json.WriteNumber(family, theta);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteDictionary(Utf8JsonWriter json, DissectionConcepts concepts, IReadOnlyList<string> localImages)
    {
        json.WriteStartObject("dictionary");
        json.WriteStartArray("concepts");
        foreach (var concept in concepts.Concepts)
        {
            json.WriteStartObject();
            json.WriteString("name", concept.Name);
            json.WriteString("type", concept.Type.ToName());
            json.WriteString("region", concept.Region);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("local_images");
        for (var n = 0; n < localImages.Count; n++)
        {
            json.WriteStartObject();
            json.WriteString("path", localImages[n]);
            json.WriteStartArray("concepts");
            foreach (var c in concepts.LocalImageConcepts[n])
            {
                json.WriteNumberValue(c);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("families");
        foreach (var family in concepts.Families)
        {
            json.WriteStartObject();
            json.WriteString("name", family.Name);
            json.WriteNumber("threshold", family.Threshold);
            json.WriteStartArray("subgroups");
            for (var s = 0; s < family.Subgroups.Count; s++)
            {
                json.WriteStartObject();
                json.WriteString("name", family.Subgroups[s]);
                json.WriteNumber("images", family.SubgroupImages[s]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter json, string name, ImageRange range)
    {
        json.WriteStartObject(name);
        json.WriteNumber("first", range.First);
        json.WriteNumber("count", range.Count);
        json.WriteEndObject();
    }
}
