using System.Text.Json;
using HndGate.Engine.Tests;

namespace HndGate.Tool.Tests.Commands;

public sealed class DictionarySynthCommandTests : IDisposable
{
    private readonly TemporaryDirectory temporary = new();

    private string Folder => temporary.Path;

    public void Dispose() => temporary.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var run = CliRun.Of(args);
        return (run.ExitCode, run.Output, run.Error);
    }

    [Fact]
    public void Synth_WritesTheDictionaryAndPrintsCountsAndItsHash()
    {
        var dir = Path.Combine(Folder, "dict");

        var (code, output, error) = Run("dictionary", "synth", "--out", dir, "--size", "40", "--local", "30", "--global", "10", "--seed", "3");

        Assert.Equal(0, code);
        Assert.Contains("local images: 30/30", error, StringComparison.Ordinal); // progress, plain lines when not a terminal
        Assert.Contains("global images: 10/10", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", error, StringComparison.Ordinal);
        Assert.Contains("local images 30, masks ", output);
        Assert.Matches("every concept on at least [1-9][0-9]* local images", output);
        Assert.Contains("global images 10", output);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "hnd-dictionary.json")));
        Assert.Contains($"content hash {manifest.RootElement.GetProperty("content_hash").GetString()}", output);
        Assert.Equal(3, manifest.RootElement.GetProperty("source").GetProperty("seed").GetInt64());
    }

    [Fact]
    public void Synth_WritesOnlyAContactSheet_WithoutOut()
    {
        var sheet = Path.Combine(Folder, "sheet.png");

        var (code, output, _) = Run("dictionary", "synth", "--contact-sheet", sheet, "--size", "40");

        Assert.Equal(0, code);
        Assert.Contains("wrote", output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(sheet)[..4]);
        Assert.Single(Directory.EnumerateFileSystemEntries(Folder));
    }

    [Theory]
    [InlineData("--global", "5", "too few")]
    [InlineData("--size", "8", "--size 8")]
    public void Synth_ExitsWith2AndSaysWhy_ForOptionsThatCannotWork(string option, string value, string message)
    {
        var (code, _, error) = Run("dictionary", "synth", "--out", Path.Combine(Folder, "x"), option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Synth_ExitsWith2_WithNeitherOutNorContactSheet()
    {
        var (code, _, error) = Run("dictionary", "synth");

        Assert.Equal(2, code);
        Assert.Contains("--out", error);
    }

    [Fact]
    public void Synth_RefusesANonEmptyFolder_UnlessForced()
    {
        var dir = Path.Combine(Folder, "dict");
        Assert.Equal(0, Run("dictionary", "synth", "--out", dir, "--size", "32", "--local", "2", "--global", "0").Code);

        var (code, _, error) = Run("dictionary", "synth", "--out", dir, "--size", "32", "--local", "2", "--global", "0");
        var forced = Run("dictionary", "synth", "--out", dir, "--size", "32", "--local", "2", "--global", "0", "--force");

        Assert.Equal(2, code);
        Assert.Contains("--force", error);
        Assert.Equal(0, forced.Code);
    }

    [Fact]
    public void Synth_PrintsNothing_WithQuiet()
    {
        var dir = Path.Combine(Folder, "quiet");

        var (code, output, error) = Run("dictionary", "synth", "--out", dir, "--size", "32", "--local", "4", "--global", "10", "--quiet");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(string.Empty, error);
        Assert.True(File.Exists(Path.Combine(dir, "hnd-dictionary.json")));
    }

    [Fact]
    public void Synth_PrintsTheSummaryAsJson_WithJson()
    {
        var dir = Path.Combine(Folder, "json");

        var (code, output, _) = Run("dictionary", "synth", "--out", dir, "--size", "32", "--local", "4", "--global", "10", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "hnd-dictionary.json")));
        Assert.Equal(4, json.RootElement.GetProperty("local_images").GetInt32());
        Assert.Equal(10, json.RootElement.GetProperty("global_images").GetInt32());
        Assert.Equal(manifest.RootElement.GetProperty("content_hash").GetString(), json.RootElement.GetProperty("content_hash").GetString());
    }

    [Fact]
    public void Synth_ExitsThreeAndLeavesNothing_WhenCancelledMidRun()
    {
        var dir = Path.Combine(Folder, "cancelled");
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();

        // Cancelled as the global images start: the local ones are already in the temporary folder.
        using var error = new CancellingWriter("global images: ", stop);
        var code = HndGateApp.Run(["dictionary", "synth", "--out", dir, "--size", "32", "--local", "6", "--global", "10"], output, error, stop.Token);

        Assert.Equal(3, code);
        Assert.Contains("local images: 6/6", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Folder));
        Assert.Equal(string.Empty, output.ToString());
    }
}
