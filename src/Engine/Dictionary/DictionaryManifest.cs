using System.Text;
using System.Text.Json;

namespace HndGate.Engine.Dictionary;

/// <summary>Format B: hnd-gate's own manifest, <c>hnd-dictionary.json</c> (schemas/dictionary.schema.json).</summary>
public static class DictionaryManifest
{
    public const string FileName = "hnd-dictionary.json";
    public const string SchemaId = "https://hnd-gate.dev/schemas/dictionary.schema.json";

    /// <summary>
    /// Writes the manifest of <paramref name="dictionary"/> into its root, with its content hash.
    /// The images and masks must already be there. The file appears whole or not at all.
    /// Returns the content hash it recorded.
    /// </summary>
    public static string Write(FaceDictionary dictionary)
    {
        var hash = DictionaryContentHash.Compute(dictionary);
        var bytes = Serialize(dictionary, hash);
        AtomicFile.WriteAllBytes(Path.Combine(dictionary.Root, FileName), bytes);
        return hash;
    }

    /// <summary>The manifest as UTF-8 JSON, inline local set, two-space indentation, LF line ends.</summary>
    public static byte[] Serialize(FaceDictionary dictionary, string contentHash)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaId);
            json.WriteString("format", "hnd-dictionary");
            json.WriteNumber("version", 1);

            json.WriteStartArray("concepts");
            foreach (var c in dictionary.Concepts)
            {
                json.WriteStartObject();
                json.WriteString("name", c.Name);
                json.WriteString("type", c.Type.ToName());
                json.WriteString("region", c.Region);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("local");
            foreach (var image in dictionary.Local)
            {
                json.WriteStartObject();
                json.WriteString("image", image.ImagePath);
                json.WriteStartArray("masks");
                foreach (var mask in image.Masks)
                {
                    json.WriteStartObject();
                    json.WriteString("concept", mask.Concept);
                    json.WriteString("mask", mask.MaskPath);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("global");
            foreach (var family in dictionary.Global)
            {
                json.WriteStartObject();
                json.WriteString("family", family.Name);
                if (family.Threshold is { } theta)
                {
                    json.WriteNumber("threshold", theta);
                }

                json.WriteStartArray("subgroups");
                foreach (var subgroup in family.Subgroups)
                {
                    json.WriteStartObject();
                    json.WriteString("name", subgroup.Name);
                    json.WriteStartArray("images");
                    foreach (var path in subgroup.Images)
                    {
                        json.WriteStringValue(path);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            if (dictionary.Source is { } source)
            {
                json.WriteStartObject("source");
                json.WriteString("generator", source.Generator);
                if (source.Seed is { } seed)
                {
                    json.WriteNumber("seed", seed);
                }

                if (source.LandmarkModel is { } landmarks)
                {
                    json.WriteString("landmark_model", landmarks);
                }

                if (source.ConceptMap is { } map)
                {
                    json.WriteString("concept_map", map);
                }

                json.WriteEndObject();
            }

            json.WriteString("content_hash", contentHash);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
