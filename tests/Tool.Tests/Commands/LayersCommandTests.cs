using HndGate.Engine.Tests;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class LayersCommandTests
{
    [Fact]
    public void Layers_ListsEveryModuleWithItsShape_MarkingConvolutionalMaps()
    {
        using var dir = new TemporaryDirectory();
        var card = Card(dir, "resnet18", 64);

        var run = CliRun.Of("layers", "--model", card);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("resnet18 at 64×64", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^layer4\.1\.conv1 +Conv2d +1×512×2×2  dissectable$", lines.Single(l => l.StartsWith("layer4.1.conv1 ", StringComparison.Ordinal)));
        Assert.Matches(@"^fc +Linear +1×1000$", lines[^1]);
    }

    [Fact]
    public void Layers_PrintsTheModulesAsJson_WithJson()
    {
        using var dir = new TemporaryDirectory();
        var card = Card(dir, "resnet18", 64);

        var run = CliRun.Of("layers", "--model", card, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal("resnet18", json.RootElement.GetProperty("architecture").GetString());
        Assert.Equal(64, json.RootElement.GetProperty("input_size").GetInt32());
        var layers = json.RootElement.GetProperty("layers").EnumerateArray().ToList();
        var conv = layers.Single(l => l.GetProperty("name").GetString() == "layer4.1.conv1");
        Assert.Equal([1L, 512, 2, 2], conv.GetProperty("output_shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.True(conv.GetProperty("dissectable").GetBoolean());
        Assert.False(layers[^1].GetProperty("dissectable").GetBoolean());
    }

    [Fact]
    public void Layers_ExitsTwo_ForAnInputSizeTheNetworkCannotTake()
    {
        using var dir = new TemporaryDirectory();
        var card = Card(dir, "inception_resnet_v1", 64);

        var run = CliRun.Of("layers", "--model", card);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the model cannot take 64×64 inputs", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_ExitsTwo_WithoutACard()
    {
        var run = CliRun.Of("layers");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--model", run.Error, StringComparison.Ordinal);
    }

    private static string Card(TemporaryDirectory dir, string architecture, int size)
    {
        var path = dir.Combine("hnd-model.json");
        File.WriteAllText(path, $$"""
            { "format": "torchvision", "architecture": "{{architecture}}", "input": { "size": {{size}}, "mean": [0, 0, 0], "std": [1, 1, 1] }, "layers": ["conv1"] }
            """);
        return path;
    }
}
