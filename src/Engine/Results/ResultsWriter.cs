using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HndGate.Engine.Dissection;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Results;

/// <summary>
/// Writes dissection results as schemas/results.schema.json describes (docs/results.md): UTF-8, two-space
/// indentation, LF line ends and a final newline; objects keyed by name in the records' (dictionary)
/// order; non-integer numbers rounded by <see cref="ResultRounding"/> (R9). Same results → same bytes.
/// </summary>
public static class ResultsWriter
{
    public const string SchemaId = "https://hnd-gate.dev/schemas/results.schema.json";
    public const string Format = "hnd-results";
    public const int Version = 1;
    public const string ToolName = "hnd-gate";

    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        NewLine = "\n",
        // The file is data, never embedded in HTML as it is: keep non-ASCII names and paths readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Compact = Indented with { Indented = false };

    /// <summary>Writes <paramref name="results"/> (without its IoU counts) to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(DissectionResults results, string path) => Write(RecordedResults.Of(results), path);

    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(RecordedResults results, string path) => AtomicFile.WriteAllBytes(path, Serialize(results));

    /// <summary>The results file's bytes.</summary>
    public static byte[] Serialize(RecordedResults results)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaId);
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteStartObject("tool");
            json.WriteString("name", ToolName);
            json.WriteString("version", results.Fingerprint.ToolVersion);
            json.WriteEndObject();
            WriteFingerprint(json, results.Fingerprint);
            WriteSettings(json, results.Settings);
            json.WriteStartArray("layers");
            for (var l = 0; l < results.Layers.Count; l++)
            {
                WriteLayer(json, results.Layers[l], results.LocalImages, $"/layers/{l}");
            }

            json.WriteEndArray();
            if (results.Bootstrap is { } bootstrap)
            {
                WriteBootstrap(json, bootstrap);
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFingerprint(Utf8JsonWriter json, DissectionFingerprint fingerprint)
    {
        json.WriteStartObject("fingerprint");
        json.WriteString("model_hash", fingerprint.ModelHash);
        json.WriteString("model", fingerprint.Model);
        json.WriteString("dictionary_hash", fingerprint.DictionaryHash);
        json.WriteString("device", fingerprint.Device);
        // Options have no dictionary order: ordinal order makes the bytes independent of how they were gathered.
        var options = fingerprint.Options.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        WriteKeyed(json, "options", options, o => o.Key, (o, _) => json.WriteStringValue(o.Value), "/fingerprint/options");
        json.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter json, DissectionSettings settings)
    {
        json.WriteStartObject("settings");
        WriteNumber(json, "quantile", settings.Quantile, "/settings");
        WriteNumber(json, "iou_threshold", settings.IouThreshold, "/settings");
        json.WriteNumber("tally_size", settings.TallySize);
        json.WriteNumber("input_size", settings.InputSize);
        WriteKeyed(
            json,
            "family_thresholds",
            settings.FamilyThresholds,
            f => f.Key,
            (f, at) => json.WriteNumberValue(ResultRounding.Round(f.Value, at)),
            "/settings/family_thresholds");
        json.WriteEndObject();
    }

    /// <summary>The noise guard's intervals (docs/bootstrap.md): per layer, every metric's interval on one line.</summary>
    private static void WriteBootstrap(Utf8JsonWriter json, BootstrapIntervals bootstrap)
    {
        json.WriteStartObject("bootstrap");
        json.WriteNumber("replicates", bootstrap.Replicates);
        json.WriteNumber("seed", bootstrap.Seed);
        WriteNumber(json, "level", bootstrap.Level, "/bootstrap");
        WriteKeyed(
            json,
            "layers",
            bootstrap.Layers,
            l => l.Layer,
            (layer, layerAt) => WriteKeyed(
                json,
                null,
                layer.Metrics,
                m => m.Key,
                (metric, metricAt) => WriteInline(json, inline =>
                {
                    inline.WriteStartObject();
                    WriteNumber(inline, "lower", metric.Lower, metricAt);
                    WriteNumber(inline, "upper", metric.Upper, metricAt);
                    inline.WriteEndObject();
                }),
                layerAt),
            "/bootstrap/layers");
        json.WriteEndObject();
    }

    private static void WriteLayer(Utf8JsonWriter json, RecordedLayer layer, IReadOnlyList<string> localImages, string at)
    {
        json.WriteStartObject();
        json.WriteString("name", layer.Name);
        json.WritePropertyName("map_size");
        WriteInline(json, inline =>
        {
            inline.WriteStartArray();
            inline.WriteNumberValue(layer.MapHeight);
            inline.WriteNumberValue(layer.MapWidth);
            inline.WriteEndArray();
        });
        json.WriteNumber("top_count", layer.TopCount);
        WriteSummary(json, layer.Summary, $"{at}/summary");
        json.WriteStartArray("units");
        for (var u = 0; u < layer.Units.Count; u++)
        {
            WriteUnit(json, layer.Units[u], layer.Summary.UnitsPerConcept, layer.Iou[u], localImages, $"{at}/units/{u}");
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, LayerSummary summary, string at)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("units", summary.Units);
        WriteNumber(json, "coverage_hnd", summary.CoverageHnd, at);
        WriteNumber(json, "coverage_netdissect", summary.CoverageNetDissect, at);
        json.WriteNumber("unlocalisable", summary.Unlocalisable);
        WriteKeyed(
            json,
            "biased_ratio",
            summary.BiasedRatio,
            f => f.Family,
            (family, familyAt) =>
            {
                json.WriteStartObject();
                WriteNumber(json, "ratio", family.Ratio, familyAt);
                WriteKeyed(
                    json,
                    "subgroups",
                    family.Subgroups,
                    s => s.Subgroup,
                    (s, subgroupAt) => json.WriteNumberValue(ResultRounding.Round(s.Ratio, subgroupAt)),
                    $"{familyAt}/subgroups");
                json.WriteEndObject();
            },
            $"{at}/biased_ratio");
        WriteCounts(json, "units_per_concept", summary.UnitsPerConcept, at);
        WriteCounts(json, "units_per_region", summary.UnitsPerRegion, at);
        WriteCounts(json, "units_per_type", summary.UnitsPerType, at);

        // R8's cross-tab is concepts × subgroups and mostly zeros: only the non-zero cells are written.
        WriteInlineItems(json, "local_global", summary.LocalGlobal.Where(c => c.Units > 0).ToList(), (inline, cell, _) =>
        {
            inline.WriteStartObject();
            inline.WriteString("concept", cell.Concept);
            inline.WriteString("family", cell.Family);
            inline.WriteString("subgroup", cell.Subgroup);
            inline.WriteNumber("units", cell.Units);
            inline.WriteEndObject();
        });
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyList<UnitCount> counts, string at) =>
        WriteKeyed(json, name, counts, c => c.Name, (c, _) => json.WriteNumberValue(c.Units), $"{at}/{name}");

    private static void WriteUnit(Utf8JsonWriter json, UnitRecord unit, IReadOnlyList<UnitCount> concepts, IReadOnlyList<double> iou, IReadOnlyList<string> localImages, string at)
    {
        json.WriteStartObject();
        json.WriteNumber("unit", unit.Unit);
        WriteNumber(json, "threshold", unit.Threshold, at);
        json.WriteString("top_concept", unit.TopConcept);
        WriteNumber(json, "top_iou", unit.TopIou, at);
        json.WriteBoolean("localisable", unit.Localisable);
        json.WriteString("region", unit.Region);
        json.WritePropertyName("iou");
        WriteInline(json, inline =>
        {
            inline.WriteStartObject();
            for (var c = 0; c < concepts.Count; c++)
            {
                WriteNumber(inline, concepts[c].Name, iou[c], $"{at}/iou");
            }

            inline.WriteEndObject();
        });

        // The innermost objects go on one line each: it halves the file of a large layer and reads as a table.
        WriteKeyed(
            json,
            "concepts",
            unit.RegionConcepts,
            c => c.Concept,
            (c, conceptAt) => WriteInline(json, inline =>
            {
                inline.WriteStartObject();
                WriteNumber(inline, "p", c.Probability, conceptAt);
                inline.WriteBoolean("interpretable", c.Interpretable);
                inline.WriteEndObject();
            }),
            $"{at}/concepts");
        WriteKeyed(
            json,
            "families",
            unit.Families,
            f => f.Family,
            (family, familyAt) => WriteKeyed(
                json,
                null,
                family.Subgroups,
                s => s.Subgroup,
                (s, subgroupAt) => WriteInline(json, inline =>
                {
                    inline.WriteStartObject();
                    WriteNumber(inline, "p", s.Probability, subgroupAt);
                    inline.WriteBoolean("biased", s.Biased);
                    inline.WriteEndObject();
                }),
                familyAt),
            $"{at}/families");

        WriteInlineItems(json, "top_images", unit.TopImages, (inline, image, i) =>
        {
            if (image.LocalImage < 0 || image.LocalImage >= localImages.Count)
            {
                throw new ArgumentException($"{at}/top_images/{i}: local image {image.LocalImage} is not among the {localImages.Count} local images", nameof(localImages));
            }

            inline.WriteStartObject();
            inline.WriteString("image", localImages[image.LocalImage]);
            WriteNumber(inline, "max", image.Maximum, $"{at}/top_images/{i}");
            inline.WriteEndObject();
        });
        json.WriteEndObject();
    }

    /// <summary>
    /// An object keyed by name, in list order. A repeated name would make a file the reader refuses, so it
    /// throws here. <paramref name="name"/> null writes the object as a value (inside another keyed object).
    /// </summary>
    private static void WriteKeyed<T>(Utf8JsonWriter json, string? name, IReadOnlyList<T> items, Func<T, string> key, Action<T, string> writeValue, string at)
    {
        if (name is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(name);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var itemKey = key(item);
            if (!seen.Add(itemKey))
            {
                throw new ArgumentException($"{at}: the name '{itemKey}' appears twice; names in the results must be unique", nameof(items));
            }

            json.WritePropertyName(itemKey);
            writeValue(item, at + JsonLineMap.Pointer([itemKey]));
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value, string at) =>
        json.WriteNumber(name, ResultRounding.Round(value, $"{at}/{name}"));

    /// <summary>A value written without indentation, on the line of its name.</summary>
    private static void WriteInline(Utf8JsonWriter json, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var inline = new Utf8JsonWriter(buffer, Compact))
        {
            write(inline);
        }

        json.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>
    /// An array of values written without indentation, one a line. Utf8JsonWriter starts no new line before
    /// a raw array item, so the array is built here, indented as the writer indents (two spaces a level).
    /// </summary>
    private static void WriteInlineItems<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T, int> write)
    {
        json.WritePropertyName(name);
        var indent = Encoding.UTF8.GetBytes("\n" + new string(' ', 2 * json.CurrentDepth));
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("["u8);
        for (var i = 0; i < items.Count; i++)
        {
            buffer.Write(i == 0 ? ""u8 : ","u8);
            buffer.Write(indent);
            buffer.Write("  "u8);
            using var inline = new Utf8JsonWriter(buffer, Compact);
            write(inline, items[i], i);
        }

        if (items.Count > 0)
        {
            buffer.Write(indent);
        }

        buffer.Write("]"u8);
        json.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}
