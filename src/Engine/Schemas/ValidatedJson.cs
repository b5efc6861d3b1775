using System.Text.Json;

namespace HndGate.Engine.Schemas;

/// <summary>
/// A JSON file that parsed and matched its schema. Readers take values from <see cref="Root"/> and
/// report their own findings with <see cref="At"/>, which adds the line of a JSON pointer.
/// </summary>
public sealed class ValidatedJson : IDisposable
{
    private readonly JsonDocument document;
    private readonly JsonLineMap lines;

    internal ValidatedJson(JsonDocument document, ReadOnlyMemory<byte> text, string file)
    {
        this.document = document;
        lines = new JsonLineMap(text);
        File = file;
    }

    /// <summary>The file as messages name it.</summary>
    public string File { get; }

    public JsonElement Root => document.RootElement;

    /// <summary>The location of the value at <paramref name="jsonPointer"/>, with its line.</summary>
    public InputLocation At(string jsonPointer) => new(File, lines.LineOf(jsonPointer), jsonPointer);

    public void Dispose() => document.Dispose();
}
