using System.Globalization;
using System.Text.Json;

namespace HndGate.Engine.Schemas;

/// <summary>
/// Finds lines in a UTF-8 JSON text by JSON pointer, re-reading the text, so that messages about a JSON
/// file name a line as well as a pointer. Only used when something is reported.
/// </summary>
internal sealed class JsonLineMap(ReadOnlyMemory<byte> json)
{
    private Dictionary<string, int>? lineOfPointer;

    /// <summary>The 1-based line where the value at <paramref name="pointer"/> starts, or null if there is none.</summary>
    public int? LineOf(string pointer)
    {
        // Readers ask for many locations: index every value once, on the first question.
        if (lineOfPointer is null)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var line = 1;
            long counted = 0;
            Scan((path, offset, isPropertyName) =>
            {
                line += json.Span[(int)counted..(int)offset].Count((byte)'\n');
                counted = offset;
                if (!isPropertyName)
                {
                    index[Pointer(path)] = line;
                }

                return true;
            });
            lineOfPointer = index;
        }

        return lineOfPointer.TryGetValue(pointer, out var found) ? found : null;
    }

    /// <summary>The pointer and line of the first property whose name repeats an earlier one in the same object.</summary>
    public (string Pointer, int Line)? FirstDuplicateProperty()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        (string, int)? duplicate = null;
        Scan((path, offset, isPropertyName) =>
        {
            // A repeated name in one object gives the same pointer twice.
            if (isPropertyName && !seen.Add(Pointer(path)))
            {
                duplicate = (Pointer(path), LineAt(offset));
                return false;
            }

            return true;
        });
        return duplicate;
    }

    /// <summary>A JSON pointer (RFC 6901) from unescaped segments.</summary>
    public static string Pointer(IEnumerable<string> segments) =>
        string.Concat(segments.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary>The unescaped segments of a JSON pointer; the empty pointer (the whole document) has none.</summary>
    public static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    private int LineAt(long offset) => json.Span[..(int)offset].Count((byte)'\n') + 1;

    // Calls visit(path, offset, isPropertyName) at every property name (path ends with the name) and at the
    // start of every value; stops when visit returns false.
    private void Scan(Func<IReadOnlyList<string>, long, bool, bool> visit)
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new List<string>();
        var arrayIndex = new Stack<int>(); // -1 for an object
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString()!;
                    if (!visit([.. path, property], reader.TokenStartIndex, true))
                    {
                        return;
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    arrayIndex.Pop();
                    if (arrayIndex.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                default:
                    // A value starts: its segment is the pending property name in an object, the next index in an array.
                    if (arrayIndex.Count > 0)
                    {
                        var index = arrayIndex.Pop();
                        path.Add(index < 0 ? property! : index.ToString(CultureInfo.InvariantCulture));
                        arrayIndex.Push(index < 0 ? index : index + 1);
                    }

                    if (!visit(path, reader.TokenStartIndex, false))
                    {
                        return;
                    }

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        arrayIndex.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    }
                    else if (arrayIndex.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
            }
        }
    }
}
