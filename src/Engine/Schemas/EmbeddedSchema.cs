using System.Reflection;

namespace HndGate.Engine.Schemas;

/// <summary>The JSON Schemas of schemas/, embedded in the Engine as <c>schemas/&lt;file&gt;</c>.</summary>
public static class EmbeddedSchema
{
    /// <summary>The text of an embedded schema, e.g. <c>dictionary.schema.json</c>.</summary>
    public static string ReadText(string schemaFile)
    {
        var resource = "schemas/" + schemaFile;
        using var stream = typeof(EmbeddedSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException(
                $"no embedded schema '{schemaFile}'; embedded: {string.Join(", ", Names())}",
                nameof(schemaFile));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The file names of all embedded schemas.</summary>
    public static IReadOnlyList<string> Names() =>
        typeof(EmbeddedSchema).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("schemas/", StringComparison.Ordinal))
            .Select(n => n["schemas/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
