using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dissection;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class DissectCommandTests : IClassFixture<DissectorTests.SmallDictionary>
{
    private readonly DissectorTests.SmallDictionary _fixture;

    public DissectCommandTests(DissectorTests.SmallDictionary fixture) => _fixture = fixture;

    [Fact]
    public void Dissect_WritesByteIdenticalResults_OnTwoRuns()
    {
        using var dir = new TemporaryDirectory();
        var first = dir.Combine("a.json");
        var second = dir.Combine("b.json");

        var run1 = CliRun.Of(Args(first));
        var run2 = CliRun.Of(Args(second, "--batch", "7", "--memory-budget", "0"));

        Assert.Equal(0, run1.ExitCode);
        Assert.Equal(0, run2.ExitCode);
        Assert.Contains("\"name\": \"layer4.1.conv1\"", File.ReadAllText(first), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Dissect_SaysWhereTheActivationCacheLives_UnlessQuiet()
    {
        using var dir = new TemporaryDirectory();
        var spilling = CliRun.Of([.. Args(dir.Combine("a.json"), "--memory-budget", "0").Where(a => a != "--quiet")]);
        var defaulted = CliRun.Of([.. Args(dir.Combine("b.json")).Where(a => a != "--quiet")]);
        var quiet = CliRun.Of(Args(dir.Combine("c.json")));

        Assert.Equal((0, 0, 0), (spilling.ExitCode, defaulted.ExitCode, quiet.ExitCode));
        // layer4.1.conv1 at 64 px: 512 × 2 × 2 float16 values per image.
        var bytes = Engine.Dissection.MemoryBudget.Format(DissectorTests.SmallDictionary.Local * 512 * 2 * 2 * 2);
        Assert.Contains($"activation cache: 0 B in RAM, {bytes} in a memory-mapped file in ", spilling.Error, StringComparison.Ordinal);
        Assert.Contains("(budget 0 B: --memory-budget)", spilling.Error, StringComparison.Ordinal);
        Assert.Contains($"activation cache: {bytes} in RAM (budget ", defaulted.Error, StringComparison.Ordinal);
        Assert.Contains(": half of the available RAM)", defaulted.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("activation cache", quiet.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_WhenBothModelAndActivationsAreGiven()
    {
        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--activations", "/tmp", "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly one", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_WithoutADictionary()
    {
        var run = CliRun.Of("dissect", "--model", _fixture.CardPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dictionary DIR is required: the Face Dictionary folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_WhenTheDictionaryIsAFile()
    {
        var run = CliRun.Of("dissect", "--model", _fixture.CardPath, "--dictionary", _fixture.CardPath, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{_fixture.CardPath}: this is a file, not a dictionary folder", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gender")]
    [InlineData("gender=1.5")]
    public void Dissect_ExitsTwo_ForABadTheta(string theta)
    {
        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--theta", theta, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--theta '{theta}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_AndWritesNothing_ForAnUnknownLayer()
    {
        using var dir = new TemporaryDirectory();
        var output = dir.Combine("r.json");

        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--layer", "layer9", "--out", output, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no layer 'layer9'", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Dissect_SaysWhatItSkippedAndDidNotUse_InACustomHeadCheckpoint()
    {
        using var dir = new TemporaryDirectory();
        var card = dir.Combine("hnd-model.json");
        File.WriteAllText(card, $$"""
            {
              "format": "torchvision",
              "architecture": "resnet50",
              "weights": "{{HndGate.Engine.Tests.Models.Weights.WeightFixtures.Path("resnet50_custom_head.pth")}}",
              "input": { "size": 32, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] },
              "layers": ["layer1"]
            }
            """);

        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", card, "--device", "cpu", "--out", dir.Combine("r.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(under 'state_dict') ('module.' prefixes removed); everything up to layer1 is the file's", run.Error, StringComparison.Ordinal);
        Assert.Contains("skipped 2 entries after layer1, left with random values: fc.weight (not in the file), fc.bias (not in the file)", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: 4 entries of the file are not in the model: fc.0.weight, fc.0.bias, fc.3.weight, fc.3.bias", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_WithBootstrap_WritesTheIntervalsAndRecordsTheOptions()
    {
        using var dir = new TemporaryDirectory();
        var output = dir.Combine("results.json");

        var run = CliRun.Of(Args(output, "--bootstrap", "3", "--seed", "42"));

        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(output);
        Assert.Contains("\"bootstrap\": {\n    \"replicates\": 3,\n    \"seed\": 42,\n    \"level\": 0.95,", text, StringComparison.Ordinal);
        Assert.Contains("\"bootstrap\": \"3\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_ForASeedWithoutBootstrap()
    {
        var run = CliRun.Of(Args("unused.json", "--seed", "4"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--seed is for the bootstrap", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_ForBootstrapWithAShard()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of(Args(dir.Combine("phase1"), "--bootstrap", "10", "--shard", "1/2", "--phase", "1"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bootstrap is not available with --shard", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("phase1")));
    }

    [Fact]
    public void Dissect_PrintsEveryMetricByItsPolicyKey_WithJson_AndStopsWhenCancelled()
    {
        using var dir = new TemporaryDirectory();
        var output = dir.Combine("r.json");

        var run = CliRun.Of(Args(output, "--json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(output, json.RootElement.GetProperty("results").GetString());
        var layer = Assert.Single(json.RootElement.GetProperty("layers").EnumerateArray());
        Assert.Equal("layer4.1.conv1", layer.GetProperty("name").GetString());
        var recorded = Engine.Results.ResultsReader.Read(output, new Engine.Schemas.JsonSchemaValidator()).Layers.Single().Summary;
        var metrics = layer.GetProperty("metrics");
        // The results file keeps 6 decimals; --json prints the values unrounded.
        Assert.Equal(recorded.CoverageHnd, metrics.GetProperty("coverage_hnd").GetDouble(), 1e-6);
        Assert.All(recorded.BiasedRatio, f => Assert.Equal(f.Ratio, metrics.GetProperty($"biased_ratio[{f.Family}]").GetDouble(), 1e-6));

        // The same run, stopped after its first batch: exit 3, no results file.
        using var stop = new CancellationTokenSource();
        using var error = new CancellingWriter("local images, pass 1: ", stop);
        var stopped = HndGateApp.Run([.. Args(dir.Combine("stopped.json"), "--batch", "2").Where(a => a != "--quiet")], TextWriter.Null, error, stop.Token);

        Assert.Equal(3, stopped);
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("stopped.json")));
    }

    private string[] Args(string output, params string[] more) =>
        ["dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--layer", "layer4.1.conv1", "--device", "cpu", "--out", output, "--quiet", .. more];
}
