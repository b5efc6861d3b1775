using System.Text.Json;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// Reads a state folder's manifest (schemas/shard.schema.json). Errors name the file, the line and the JSON
/// pointer: the schema's, and those of the checks a schema cannot make (ranges within the image counts and
/// matching the shard, concept indices that exist).
/// </summary>
public static class ShardManifestReader
{
    public const string SchemaFile = "shard.schema.json";

    /// <param name="folder">The state folder; its manifest is <see cref="ShardManifest.FileName"/> in it.</param>
    public static ShardManifest Read(string folder, JsonSchemaValidator validator)
    {
        var path = Path.Combine(folder, ShardManifest.FileName);
        if (!Directory.Exists(folder))
        {
            throw new HndGateInputException("the state folder does not exist: give the folder 'hnd-gate dissect --shard i/n --phase …' or 'hnd-gate merge --phase 1' wrote", folder);
        }

        if (!File.Exists(path))
        {
            throw new HndGateInputException($"the folder has no {ShardManifest.FileName}: it is not a state folder of 'hnd-gate dissect --shard' or 'hnd-gate merge', or it was not copied whole", folder);
        }

        using var json = validator.ReadFile(SchemaFile, path, path);
        return Parse(json);
    }

    private static ShardManifest Parse(ValidatedJson json)
    {
        var root = json.Root;
        var content = ShardContentNames.Parse(root.GetProperty("content").GetString()!);
        Shard? shard = null;
        if (root.TryGetProperty("shard", out var shardJson))
        {
            var index = shardJson.GetProperty("index").GetInt32();
            var count = shardJson.GetProperty("count").GetInt32();
            if (index > count)
            {
                throw json.At("/shard/index").Error($"shard {index}/{count} does not exist (shards count from 1 to n): the manifest is damaged; run the phase again");
            }

            shard = new Shard(index, count);
        }

        var plan = ParsePlan(json);
        var local = Range(root.GetProperty("local_images"));
        var global = Range(root.GetProperty("global_images"));
        CheckRange(json, "/local_images", local, plan.Concepts.LocalImages, shard, "local");
        CheckRange(json, "/global_images", global, content == ShardContent.Phase2 ? 0 : plan.Concepts.GlobalImages, shard, "global");
        var hash = root.TryGetProperty("thresholds_hash", out var h) ? h.GetString() : null;
        return new ShardManifest(content, shard, plan, local, global, hash);
    }

    private static DissectionPlan ParsePlan(ValidatedJson json)
    {
        var root = json.Root;
        var fingerprint = root.GetProperty("fingerprint");
        var settings = root.GetProperty("settings");
        var familyThresholds = settings.GetProperty("family_thresholds").EnumerateObject()
            .Select(p => new KeyValuePair<string, double>(p.Name, p.Value.GetDouble()))
            .ToList();
        var layers = root.GetProperty("layers").EnumerateArray()
            .Select(layer => new LayerPlan(
                layer.GetProperty("name").GetString()!,
                new MapShape(layer.GetProperty("units").GetInt32(), layer.GetProperty("map_size")[0].GetInt32(), layer.GetProperty("map_size")[1].GetInt32()),
                layer.GetProperty("top_count").GetInt64()))
            .ToList();
        var dictionary = root.GetProperty("dictionary");
        var concepts = dictionary.GetProperty("concepts").EnumerateArray()
            .Select(c =>
            {
                ConceptTypeNames.TryParse(c.GetProperty("type").GetString()!, out var type);
                return new Concept(c.GetProperty("name").GetString()!, type, c.GetProperty("region").GetString()!);
            })
            .ToList();
        var localImages = dictionary.GetProperty("local_images").EnumerateArray().ToList();
        var families = dictionary.GetProperty("families").EnumerateArray()
            .Select(f => new GlobalFamilyLayout(
                f.GetProperty("name").GetString()!,
                f.GetProperty("threshold").GetDouble(),
                f.GetProperty("subgroups").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList(),
                f.GetProperty("subgroups").EnumerateArray().Select(s => s.GetProperty("images").GetInt32()).ToList()))
            .ToList();

        DissectionConcepts structure;
        try
        {
            structure = new DissectionConcepts(
                concepts,
                localImages.Select(i => (IReadOnlyList<int>)i.GetProperty("concepts").EnumerateArray().Select(c => c.GetInt32()).ToList()).ToList(),
                families);
        }
        catch (ArgumentException e)
        {
            throw json.At("/dictionary").Error($"the dictionary's structure is inconsistent ({e.Message}): the manifest is damaged; run the phase again", e);
        }

        return new DissectionPlan(
            new DissectionFingerprint(
                root.GetProperty("tool").GetProperty("version").GetString()!,
                fingerprint.GetProperty("model_hash").GetString()!,
                fingerprint.GetProperty("model").GetString()!,
                fingerprint.GetProperty("dictionary_hash").GetString()!,
                fingerprint.GetProperty("device").GetString()!,
                fingerprint.GetProperty("options").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList()),
            new DissectionSettings(
                settings.GetProperty("quantile").GetDouble(),
                settings.GetProperty("iou_threshold").GetDouble(),
                settings.GetProperty("tally_size").GetInt32(),
                settings.GetProperty("input_size").GetInt32(),
                familyThresholds),
            structure,
            localImages.Select(i => i.GetProperty("path").GetString()!).ToList(),
            layers);
    }

    private static ImageRange Range(JsonElement range) =>
        new(range.GetProperty("first").GetInt32(), range.GetProperty("count").GetInt32());

    /// <summary>A shard's range must be the shard's own; merged thresholds cover everything.</summary>
    private static void CheckRange(ValidatedJson json, string pointer, ImageRange range, int total, Shard? shard, string images)
    {
        var expected = shard?.Range(total) ?? ImageRange.All(total);
        if (range != expected)
        {
            throw json.At(pointer).Error(
                $"the {images} images {range} are not {(shard is null ? "all" : $"shard {shard}'s")} {expected} of {total}: the manifest is damaged; run the phase again");
        }
    }
}
