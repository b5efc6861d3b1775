using System.Text.Json;
using HndGate.Engine.Formats;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dictionary;

/// <summary>
/// Format B, <c>hnd-dictionary.json</c>: validated against schemas/dictionary.schema.json, then read in
/// manifest order. Errors name the manifest (or the local CSV), the line and the JSON pointer.
/// </summary>
internal static class DictionaryManifestReader
{
    public const string SchemaFile = "dictionary.schema.json";

    public static (FaceDictionary Dictionary, DeclaredContentHash? Hash) Read(DictionaryRoot root, JsonSchemaValidator validator, ImageProblems problems)
    {
        var name = DictionaryManifest.FileName;
        using var json = validator.ReadFile(SchemaFile, root.Resolve(name, new InputLocation(name)), name);
        var manifest = json.Root;
        var concepts = ReadConcepts(json);
        var local = new LocalSetBuilder(root, concepts, problems, $"declare it in /concepts of {name}");
        var localSet = manifest.GetProperty("local");
        if (localSet.ValueKind == JsonValueKind.Array)
        {
            ReadInlineLocal(json, localSet, local);
        }
        else
        {
            ReadCsvLocal(root, json, localSet.GetProperty("csv").GetString()!, local);
        }

        var global = ReadGlobal(root, json, problems);
        var source = manifest.TryGetProperty("source", out var s)
            ? new DictionarySource(
                s.GetProperty("generator").GetString()!,
                s.TryGetProperty("seed", out var seed) ? seed.GetInt64() : null,
                s.TryGetProperty("landmark_model", out var landmarks) ? landmarks.GetString() : null,
                s.TryGetProperty("concept_map", out var map) ? map.GetString() : null)
            : null;
        var hash = manifest.TryGetProperty("content_hash", out var h)
            ? new DeclaredContentHash(h.GetString()!, json.At("/content_hash"))
            : null;
        return (new FaceDictionary(root.FullPath, DictionaryFormat.Manifest, concepts, local.Entries, global, source), hash);
    }

    private static List<Concept> ReadConcepts(ValidatedJson json)
    {
        var concepts = new List<Concept>();
        var declared = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var c in json.Root.GetProperty("concepts").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            if (!declared.TryAdd(name, i))
            {
                throw json.At($"/concepts/{i}/name").Error($"the concept '{name}' is declared twice (also at /concepts/{declared[name]}): keep one");
            }

            ConceptTypeNames.TryParse(c.GetProperty("type").GetString()!, out var type); // the schema allows only known types
            concepts.Add(new Concept(name, type, c.GetProperty("region").GetString()!));
            i++;
        }

        return concepts;
    }

    private static void ReadInlineLocal(ValidatedJson json, JsonElement entries, LocalSetBuilder local)
    {
        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var masks = new List<ListedMask>();
            var j = 0;
            foreach (var mask in entry.GetProperty("masks").EnumerateArray())
            {
                masks.Add(new ListedMask(
                    mask.GetProperty("concept").GetString()!,
                    mask.GetProperty("mask").GetString()!,
                    json.At($"/local/{i}/masks/{j}/concept"),
                    json.At($"/local/{i}/masks/{j}/mask")));
                j++;
            }

            local.Add(entry.GetProperty("image").GetString()!, json.At($"/local/{i}/image"), masks);
            i++;
        }
    }

    // Header image,concept,mask; one row per mask; the rows of one image together, in canonical order.
    private static void ReadCsvLocal(DictionaryRoot root, ValidatedJson json, string csv, LocalSetBuilder local)
    {
        var table = CsvTable.Read(root.Resolve(csv, json.At("/local/csv")), csv, ["image", "concept", "mask"]);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = table.Rows;
        for (var start = 0; start < rows.Count;)
        {
            var image = rows[start][0].Trim();
            if (firstLine.TryGetValue(image, out var earlier))
            {
                throw new HndGateInputException(
                    $"the rows of image '{image}' must be together: it also has rows from line {earlier}",
                    csv,
                    rows[start].Line);
            }

            firstLine[image] = rows[start].Line;
            var end = start;
            var masks = new List<ListedMask>();
            for (; end < rows.Count && rows[end][0].Trim() == image; end++)
            {
                var at = new InputLocation(csv, rows[end].Line);
                masks.Add(new ListedMask(rows[end][1].Trim(), rows[end][2].Trim(), at, at));
            }

            local.Add(image, new InputLocation(csv, rows[start].Line), masks);
            start = end;
        }
    }

    private static List<GlobalFamily> ReadGlobal(DictionaryRoot root, ValidatedJson json, ImageProblems problems)
    {
        var families = new List<GlobalFamily>();
        var familyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var family in json.Root.GetProperty("global").EnumerateArray())
        {
            var name = family.GetProperty("family").GetString()!;
            if (!familyIndex.TryAdd(name, i))
            {
                throw json.At($"/global/{i}/family").Error($"the family '{name}' is declared twice (also at /global/{familyIndex[name]}): keep one");
            }

            double? threshold = family.TryGetProperty("threshold", out var t) ? t.GetDouble() : null;
            families.Add(new GlobalFamily(name, threshold, ReadSubgroups(root, json, family, $"/global/{i}", problems)));
            i++;
        }

        return families;
    }

    // Each subgroup's images sorted by ordinal comparison (canonical order); an image belongs to one subgroup of a family.
    private static List<Subgroup> ReadSubgroups(DictionaryRoot root, ValidatedJson json, JsonElement family, string familyPointer, ImageProblems problems)
    {
        var subgroups = new List<Subgroup>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var inFamily = new Dictionary<string, string>(StringComparer.Ordinal); // image -> pointer where listed
        var j = 0;
        foreach (var subgroup in family.GetProperty("subgroups").EnumerateArray())
        {
            var pointer = $"{familyPointer}/subgroups/{j}";
            var name = subgroup.GetProperty("name").GetString()!;
            if (!names.Add(name))
            {
                throw json.At($"{pointer}/name").Error($"the subgroup '{name}' is declared twice in this family: keep one");
            }

            var listed = new List<(string Image, InputLocation At)>();
            if (subgroup.TryGetProperty("glob", out var glob))
            {
                var at = json.At($"{pointer}/glob");
                listed.AddRange(PathGlob.Expand(root, glob.GetString()!, at).Select(image => (image, at)));
                if (listed.Count == 0)
                {
                    throw at.Error($"empty subgroup: the glob '{glob.GetString()}' matches no file");
                }
            }
            else
            {
                var k = 0;
                foreach (var image in subgroup.GetProperty("images").EnumerateArray())
                {
                    var at = json.At($"{pointer}/images/{k}");
                    var path = image.GetString()!;
                    if (!File.Exists(root.Resolve(path, at)))
                    {
                        problems.Report(at, $"the image '{path}' does not exist", $"image {path}");
                    }
                    else
                    {
                        listed.Add((path, at));
                    }

                    k++;
                }
            }

            foreach (var (image, at) in listed)
            {
                if (!inFamily.TryAdd(image, at.JsonPointer!))
                {
                    throw at.Error($"duplicate entry: the image '{image}' is already listed in this family at {inFamily[image]}; keep one");
                }
            }

            if (listed.Count == 0)
            {
                throw json.At(pointer).Error($"empty subgroup: none of the images of subgroup '{name}' exists");
            }

            subgroups.Add(new Subgroup(name, listed.Select(l => l.Image).Order(StringComparer.Ordinal).ToList()));
            j++;
        }

        return subgroups;
    }
}
