using System.Text.Json;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool;

/// <summary>What <c>--json</c> prints: a command's summary as indented JSON with snake_case names, the same on every command.</summary>
internal static class JsonSummary
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static void Write(IConsole console, object summary) => console.Out.WriteLine(JsonSerializer.Serialize(summary, Options));
}
