namespace HndGate.Engine;

/// <summary>
/// Where in the user's input something was found: a file (as the user named it or relative to the
/// dictionary root) and, where known, its 1-based line and the JSON pointer of the value.
/// </summary>
public sealed record InputLocation(string File, int? Line = null, string? JsonPointer = null)
{
    /// <summary>A user-facing error at this location.</summary>
    public HndGateInputException Error(string message, Exception? inner = null) =>
        new(message, File, Line, JsonPointer, inner);

    /// <summary><c>file:line at /pointer</c>, leaving out what is not known.</summary>
    public override string ToString()
    {
        var where = File;
        if (Line is not null)
        {
            where += $":{Line}";
        }

        if (!string.IsNullOrEmpty(JsonPointer))
        {
            where += $" at {JsonPointer}";
        }

        return where;
    }
}
