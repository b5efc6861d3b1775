namespace HndGate.Engine;

/// <summary>
/// A problem the user can fix in what they gave the tool: a file, an option, a configuration.
/// The message names the file and, where known, the CSV line or JSON pointer. Maps to exit code 2.
/// </summary>
public sealed class HndGateInputException : Exception
{
    public HndGateInputException(string message, string? file = null, int? line = null, string? jsonPointer = null, Exception? inner = null)
        : base(Compose(message, file, line, jsonPointer), inner)
    {
        Problem = message;
        File = file;
        Line = line;
        JsonPointer = jsonPointer;
    }

    /// <summary>The message without the location in front: what is wrong and what to do.</summary>
    public string Problem { get; }

    /// <summary>The file at fault, as the user named it or relative to the dictionary root.</summary>
    public string? File { get; }

    /// <summary>The 1-based line in <see cref="File"/>, for CSV and JSON inputs.</summary>
    public int? Line { get; }

    /// <summary>The JSON pointer of the offending value, for JSON inputs.</summary>
    public string? JsonPointer { get; }

    private static string Compose(string message, string? file, int? line, string? pointer) =>
        file is null ? message : $"{new InputLocation(file, line, pointer)}: {message}";
}
