using System.Text;
using System.Text.Json;
using HndGate.Engine.Dissection;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Results;

/// <summary>
/// Reads a results file (schemas/results.schema.json) back into the records it was written from, up to
/// R9's rounding. Errors name the file, the line and the JSON pointer: the schema's, and those of the
/// checks a schema cannot make (units in order, the same families in every place, names that exist).
/// </summary>
public static class ResultsReader
{
    public const string SchemaFile = "results.schema.json";

    public static RecordedResults Read(string path, JsonSchemaValidator validator)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HndGateInputException($"cannot read the results file: {e.Message}; write it with 'hnd-gate dissect'", path, inner: e);
        }

        RefuseOtherFormats(bytes, path);
        using var json = validator.Validate(SchemaFile, bytes, path);
        return new Document(json).Read();
    }

    /// <summary>
    /// A file of another format or version would fail the schema with a message about a constant: say
    /// plainly what it is instead. Anything that is not even JSON is left to the validator to report.
    /// </summary>
    private static void RefuseOtherFormats(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            var seen = 0;
            while (seen < 2 && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                reader.Read();
                if (property == "format" && reader.TokenType == JsonTokenType.String && reader.GetString() != ResultsWriter.Format)
                {
                    throw new HndGateInputException(
                        $"this is not an hnd-gate results file: its format is '{reader.GetString()}', not '{ResultsWriter.Format}'; give the results.json that 'hnd-gate dissect' wrote",
                        path,
                        LineAt(bytes, reader.TokenStartIndex),
                        "/format");
                }

                if (property == "version" && reader.TokenType == JsonTokenType.Number && reader.GetDouble() != ResultsWriter.Version)
                {
                    throw new HndGateInputException(
                        $"results format version {Encoding.UTF8.GetString(reader.ValueSpan)} cannot be read by this hnd-gate, which reads version {ResultsWriter.Version}: read it with the hnd-gate version that wrote it (see /tool/version), or dissect again with this one",
                        path,
                        LineAt(bytes, reader.TokenStartIndex),
                        "/version");
                }

                seen += property is "format" or "version" ? 1 : 0;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the validator names the line.
        }
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, long offset) => bytes[..(int)offset].Count((byte)'\n') + 1;

    /// <summary>One validated file being read; its findings name their place in it.</summary>
    private sealed class Document(ValidatedJson json)
    {
        private readonly List<string> localImages = [];
        private readonly Dictionary<string, int> localImageIndex = new(StringComparer.Ordinal);

        public RecordedResults Read()
        {
            var root = json.Root;
            var tool = root.GetProperty("tool");
            var fingerprint = root.GetProperty("fingerprint");
            var settings = root.GetProperty("settings");
            var layers = new List<RecordedLayer>();
            var l = 0;
            foreach (var layer in root.GetProperty("layers").EnumerateArray())
            {
                layers.Add(ReadLayer(layer, $"/layers/{l}"));
                l++;
            }

            var families = Keyed(settings.GetProperty("family_thresholds"), (name, value, _) => new KeyValuePair<string, double>(name, value.GetDouble()), "/settings/family_thresholds");
            foreach (var (layer, i) in layers.Select((layer, i) => (layer, i)))
            {
                if (!layer.Summary.BiasedRatio.Select(f => f.Family).SequenceEqual(families.Select(f => f.Key), StringComparer.Ordinal))
                {
                    throw json.At($"/layers/{i}/summary/biased_ratio").Error(
                        $"the layer's global families ({Names(layer.Summary.BiasedRatio.Select(f => f.Family))}) are not those of /settings/family_thresholds ({Names(families.Select(f => f.Key))}): the file is damaged; dissect again");
                }
            }

            var bootstrap = root.TryGetProperty("bootstrap", out var intervals) ? ReadBootstrap(intervals, layers) : null;
            return new RecordedResults(
                new DissectionFingerprint(
                    tool.GetProperty("version").GetString()!,
                    fingerprint.GetProperty("model_hash").GetString()!,
                    fingerprint.GetProperty("model").GetString()!,
                    fingerprint.GetProperty("dictionary_hash").GetString()!,
                    fingerprint.GetProperty("device").GetString()!,
                    Keyed(fingerprint.GetProperty("options"), (name, value, _) => new KeyValuePair<string, string>(name, value.GetString()!), "/fingerprint/options")),
                new DissectionSettings(
                    settings.GetProperty("quantile").GetDouble(),
                    settings.GetProperty("iou_threshold").GetDouble(),
                    settings.GetProperty("tally_size").GetInt32(),
                    settings.GetProperty("input_size").GetInt32(),
                    families),
                localImages,
                layers,
                bootstrap);
        }

        /// <summary>The noise guard's intervals: one entry per layer, in order, each with every metric of its summary, in order.</summary>
        private BootstrapIntervals ReadBootstrap(JsonElement bootstrap, IReadOnlyList<RecordedLayer> layers)
        {
            var read = Keyed(bootstrap.GetProperty("layers"), (name, metrics, at) => new LayerIntervals(
                name,
                Keyed(metrics, (key, interval, metricAt) =>
                {
                    var (lower, upper) = (interval.GetProperty("lower").GetDouble(), interval.GetProperty("upper").GetDouble());
                    if (lower > upper)
                    {
                        throw json.At(metricAt).Error($"the interval of '{key}' has its lower end {lower} above its upper end {upper}: the file is damaged; dissect again");
                    }

                    return new MetricInterval(key, lower, upper);
                }, at)),
                "/bootstrap/layers");
            if (!read.Select(l => l.Layer).SequenceEqual(layers.Select(l => l.Name), StringComparer.Ordinal))
            {
                throw json.At("/bootstrap/layers").Error(
                    $"the bootstrap's layers ({Names(read.Select(l => l.Layer))}) are not the dissected layers ({Names(layers.Select(l => l.Name))}) in their order: the file is damaged; dissect again");
            }

            foreach (var (intervals, layer) in read.Zip(layers))
            {
                var keys = LayerMetrics.Of(layer.Summary).Select(m => m.Key);
                if (!intervals.Metrics.Select(m => m.Key).SequenceEqual(keys, StringComparer.Ordinal))
                {
                    throw json.At("/bootstrap/layers" + JsonLineMap.Pointer([layer.Name])).Error(
                        "the layer's intervals do not name the metrics of its summary, in their order (docs/bootstrap.md): the file is damaged; dissect again");
                }
            }

            return new BootstrapIntervals(
                bootstrap.GetProperty("replicates").GetInt32(),
                bootstrap.GetProperty("seed").GetInt64(),
                bootstrap.GetProperty("level").GetDouble(),
                read);
        }

        private RecordedLayer ReadLayer(JsonElement layer, string at)
        {
            var mapSize = layer.GetProperty("map_size");
            var summary = ReadSummary(layer.GetProperty("summary"), $"{at}/summary");
            var units = new List<UnitRecord>();
            var iou = new List<IReadOnlyList<double>>();
            var conceptNames = summary.UnitsPerConcept.Select(c => c.Name).ToList();
            var u = 0;
            foreach (var unit in layer.GetProperty("units").EnumerateArray())
            {
                units.Add(ReadUnit(unit, summary, $"{at}/units/{u}", u));
                iou.Add(ReadIou(unit.GetProperty("iou"), conceptNames, $"{at}/units/{u}/iou"));
                u++;
            }

            if (units.Count != summary.Units)
            {
                throw json.At($"{at}/summary/units").Error($"the summary counts {summary.Units} units but the layer has {units.Count} unit records: the file is damaged; dissect again");
            }

            return new RecordedLayer(
                layer.GetProperty("name").GetString()!,
                mapSize[0].GetInt32(),
                mapSize[1].GetInt32(),
                layer.GetProperty("top_count").GetInt64(),
                summary,
                units,
                iou);
        }

        private double[] ReadIou(JsonElement iou, IReadOnlyList<string> concepts, string at)
        {
            var names = iou.EnumerateObject().Select(p => p.Name).ToList();
            if (!names.SequenceEqual(concepts, StringComparer.Ordinal))
            {
                throw json.At(at).Error("the unit's IoUs do not name the concepts of units_per_concept, in the same order: the file is damaged; dissect again");
            }

            return iou.EnumerateObject().Select(p => p.Value.GetDouble()).ToArray();
        }

        private LayerSummary ReadSummary(JsonElement summary, string at)
        {
            var biasedRatio = Keyed(summary.GetProperty("biased_ratio"), (family, value, familyAt) => new FamilyBias(
                family,
                value.GetProperty("ratio").GetDouble(),
                Keyed(value.GetProperty("subgroups"), (subgroup, ratio, _) => new SubgroupBias(subgroup, ratio.GetDouble()), $"{familyAt}/subgroups")),
                $"{at}/biased_ratio");
            var perConcept = Counts(summary, "units_per_concept", at);

            // R8's cross-tab: the file lists the non-zero cells; every other (concept, family, subgroup) is 0.
            var cells = new Dictionary<(string Concept, string Family, string Subgroup), int>();
            var i = 0;
            foreach (var cell in summary.GetProperty("local_global").EnumerateArray())
            {
                var cellAt = $"{at}/local_global/{i}";
                var key = (cell.GetProperty("concept").GetString()!, cell.GetProperty("family").GetString()!, cell.GetProperty("subgroup").GetString()!);
                if (!perConcept.Any(c => c.Name == key.Item1)
                    || !biasedRatio.Any(f => f.Family == key.Item2 && f.Subgroups.Any(s => s.Subgroup == key.Item3)))
                {
                    throw json.At(cellAt).Error($"the cell names concept '{key.Item1}' and subgroup '{key.Item3}' of family '{key.Item2}', which the summary does not have: the file is damaged; dissect again");
                }

                if (!cells.TryAdd(key, cell.GetProperty("units").GetInt32()))
                {
                    throw json.At(cellAt).Error($"the cell of concept '{key.Item1}' and subgroup '{key.Item3}' of family '{key.Item2}' is listed twice: the file is damaged; dissect again");
                }

                i++;
            }

            var localGlobal = (
                from concept in perConcept
                from family in biasedRatio
                from subgroup in family.Subgroups
                select new LocalGlobalCount(
                    concept.Name,
                    family.Family,
                    subgroup.Subgroup,
                    cells.GetValueOrDefault((concept.Name, family.Family, subgroup.Subgroup)))).ToList();

            return new LayerSummary(
                summary.GetProperty("units").GetInt32(),
                summary.GetProperty("coverage_hnd").GetDouble(),
                summary.GetProperty("coverage_netdissect").GetDouble(),
                biasedRatio,
                perConcept,
                Counts(summary, "units_per_region", at),
                Counts(summary, "units_per_type", at),
                summary.GetProperty("unlocalisable").GetInt32(),
                localGlobal);
        }

        private UnitRecord ReadUnit(JsonElement unit, LayerSummary summary, string at, int position)
        {
            var index = unit.GetProperty("unit").GetInt32();
            if (index != position)
            {
                throw json.At($"{at}/unit").Error($"unit {index} is at position {position}: unit records must be in unit order, units[u] for unit u; the file is damaged, dissect again");
            }

            // R4: a unit has a region exactly when it is localisable, and R7's concepts only then.
            var localisable = unit.GetProperty("localisable").GetBoolean();
            var region = unit.GetProperty("region").GetString();
            if (localisable != region is not null)
            {
                throw json.At($"{at}/region").Error(
                    localisable
                        ? "the unit is localisable but has no region: the file is damaged; dissect again"
                        : $"the unit is not localisable but has the region '{region}': the file is damaged; dissect again");
            }

            if (region is not null && !summary.UnitsPerRegion.Any(r => r.Name == region))
            {
                throw json.At($"{at}/region").Error($"the region '{region}' is not among the regions of units_per_region in the layer's summary: the file is damaged; dissect again");
            }

            if (!localisable && unit.GetProperty("concepts").EnumerateObject().Any())
            {
                throw json.At($"{at}/concepts").Error("the unit is not localisable but has concept probabilities (R7 scores localisable units only): the file is damaged; dissect again");
            }

            var concepts = Keyed(unit.GetProperty("concepts"), (concept, value, conceptAt) =>
            {
                if (!summary.UnitsPerConcept.Any(c => c.Name == concept))
                {
                    throw json.At(conceptAt).Error($"the concept '{concept}' is not among the concepts of units_per_concept in the layer's summary: the file is damaged; dissect again");
                }

                return new ConceptProbability(concept, value.GetProperty("p").GetDouble(), value.GetProperty("interpretable").GetBoolean());
            }, $"{at}/concepts");

            var families = Keyed(unit.GetProperty("families"), (family, subgroups, familyAt) => new FamilyProbabilities(
                family,
                Keyed(subgroups, (subgroup, value, _) => new SubgroupProbability(subgroup, value.GetProperty("p").GetDouble(), value.GetProperty("biased").GetBoolean()), familyAt)),
                $"{at}/families");
            var sameFamilies = families.Count == summary.BiasedRatio.Count
                && families.Zip(summary.BiasedRatio).All(p => p.First.Family == p.Second.Family
                    && p.First.Subgroups.Select(s => s.Subgroup).SequenceEqual(p.Second.Subgroups.Select(s => s.Subgroup), StringComparer.Ordinal));
            if (!sameFamilies)
            {
                throw json.At($"{at}/families").Error("the unit's families and subgroups are not those of biased_ratio in the layer's summary, in the same order: the file is damaged; dissect again");
            }

            var topImages = unit.GetProperty("top_images").EnumerateArray()
                .Select(image => new TopImage(LocalImage(image.GetProperty("image").GetString()!), image.GetProperty("max").GetDouble()))
                .ToList();

            return new UnitRecord(
                index,
                unit.GetProperty("threshold").GetDouble(),
                unit.GetProperty("top_concept").GetString(),
                unit.GetProperty("top_iou").GetDouble(),
                localisable,
                region,
                concepts,
                families,
                topImages);
        }

        private List<UnitCount> Counts(JsonElement summary, string name, string at) =>
            Keyed(summary.GetProperty(name), (key, value, _) => new UnitCount(key, value.GetInt32()), $"{at}/{name}");

        private int LocalImage(string path)
        {
            if (!localImageIndex.TryGetValue(path, out var index))
            {
                index = localImages.Count;
                localImageIndex[path] = index;
                localImages.Add(path);
            }

            return index;
        }

        // An object keyed by name, read in file order (the dictionary's order); the parser refuses repeated names.
        private static List<T> Keyed<T>(JsonElement keyed, Func<string, JsonElement, string, T> read, string at) =>
            keyed.EnumerateObject().Select(p => read(p.Name, p.Value, at + JsonLineMap.Pointer([p.Name]))).ToList();

        private static string Names(IEnumerable<string> names) => string.Join(", ", names);
    }
}
