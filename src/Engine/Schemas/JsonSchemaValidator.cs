using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace HndGate.Engine.Schemas;

/// <summary>
/// Reads every JSON file of hnd-gate: parses it (syntax errors name file and line) and checks it against
/// its embedded schema (violations name file, line and JSON pointer). Each schema is built once per
/// validator, with its own registry, because registering a schema <c>$id</c> twice in one registry throws.
/// </summary>
public sealed class JsonSchemaValidator
{
    /// <summary>How many violations one message lists after the first.</summary>
    private const int MoreViolationsListed = 9;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private readonly ConcurrentDictionary<string, Lazy<CompiledSchema>> schemas = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads <paramref name="path"/> and validates it against the embedded schema <paramref name="schemaFile"/>.
    /// <paramref name="displayFile"/> is how messages name the file.
    /// </summary>
    public ValidatedJson ReadFile(string schemaFile, string path, string displayFile)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HndGateInputException($"cannot read the file: {e.Message}", displayFile, inner: e);
        }

        return Validate(schemaFile, bytes, displayFile);
    }

    /// <summary>
    /// Parses <paramref name="json"/> (UTF-8) and validates it against the embedded schema <paramref name="schemaFile"/>.
    /// Throws <see cref="HndGateInputException"/> naming <paramref name="displayFile"/>, the line and the JSON pointer.
    /// </summary>
    public ValidatedJson Validate(string schemaFile, byte[] json, string displayFile)
    {
        var compiled = schemas.GetOrAdd(schemaFile, f => new Lazy<CompiledSchema>(() => CompiledSchema.Build(f))).Value;
        ReadOnlyMemory<byte> text = json;
        if (text.Span.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        var document = Parse(text, displayFile);
        try
        {
            // A pass/fail evaluation is several times faster; the detailed one runs only to explain a failure.
            if (!compiled.Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
            {
                var results = compiled.Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
                throw Failure(SchemaViolations.Find(results, compiled.Text, document.RootElement), new JsonLineMap(text), schemaFile, displayFile);
            }

            return new ValidatedJson(document, text, displayFile);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> text, string displayFile)
    {
        try
        {
            return JsonDocument.Parse(text, ParseOptions);
        }
        catch (JsonException e) when (e.LineNumber is { } line)
        {
            // The reader's message ends with its own 0-based position; ours names the 1-based line.
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new HndGateInputException(
                $"not valid JSON: {(cut > 0 ? message[..cut] : message)} (column {e.BytePositionInLine + 1})",
                displayFile,
                (int)line + 1,
                inner: e);
        }
        catch (JsonException e) when (new JsonLineMap(text).FirstDuplicateProperty() is { } duplicate)
        {
            throw new HndGateInputException(
                "the property appears twice in the same object: keep one",
                displayFile,
                duplicate.Line,
                duplicate.Pointer,
                e);
        }
    }

    private static HndGateInputException Failure(IReadOnlyList<SchemaViolation> violations, JsonLineMap lines, string schemaFile, string displayFile)
    {
        var located = violations
            .Select(v => (Violation: v, Line: lines.LineOf(v.JsonPointer)))
            .OrderBy(v => v.Line ?? 0)
            .ThenBy(v => v.Violation.JsonPointer, StringComparer.Ordinal)
            .ToList();
        var (first, firstLine) = located[0];
        var message = $"{first.Message} (schema {schemaFile})";
        foreach (var (violation, line) in located.Skip(1).Take(MoreViolationsListed))
        {
            message += $"\n  also {new InputLocation(displayFile, line, violation.JsonPointer)}: {violation.Message}";
        }

        if (located.Count > MoreViolationsListed + 1)
        {
            message += $"\n  and {located.Count - MoreViolationsListed - 1} more";
        }

        return new HndGateInputException(message, displayFile, firstLine, first.JsonPointer);
    }

    private sealed record CompiledSchema(JsonSchema Schema, JsonElement Text)
    {
        public static CompiledSchema Build(string schemaFile)
        {
            var text = EmbeddedSchema.ReadText(schemaFile);
            var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            using var document = JsonDocument.Parse(text);
            return new CompiledSchema(schema, document.RootElement.Clone());
        }
    }
}
