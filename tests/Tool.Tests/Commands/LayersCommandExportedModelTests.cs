using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Models;

namespace HndGate.Tool.Tests.Commands;

/// <summary><c>hnd-gate layers</c> on TorchScript and ONNX cards: the values and outputs a user can dissect.</summary>
[Collection("Torch")]
public sealed class LayersCommandExportedModelTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Layers_ListsEveryValueOfAnOnnxGraph_WithItsShape_MarkingFloatMapsDissectable()
    {
        var card = Card($$"""{ "format": "onnx", "file": "{{ExportedModels.Path("tiny_cnn.onnx")}}", "input": { "size": 32, "mean": [0, 0, 0], "std": [1, 1, 1] }, "layers": ["logits"] }""");

        var run = CliRun.Of("layers", "--model", card);

        Assert.Equal(0, run.ExitCode);
        // The fixture's network (make_export_fixtures.py): conv 3→4 at stride 1, then two stride-2 convs to 16 channels.
        Assert.Matches(@"/relu1/Relu_output_0\s+value\s+1×4×32×32\s+dissectable", run.Output);
        Assert.Matches(@"/relu3/Relu_output_0\s+value\s+1×16×8×8\s+dissectable", run.Output);
        Assert.Matches(@"logits\s+value\s+1×2\n", run.Output);
    }

    [Theory]
    [InlineData("tiny_cnn_tuple.pt")]
    [InlineData("tiny_cnn_dict.pt")]
    public void Layers_ListsTheNamedOutputsOfATorchScriptMethod_WithTheirShapes(string fixture)
    {
        var card = Card($$"""{ "format": "torchscript", "file": "{{ExportedModels.Path(fixture)}}", "outputs": ["relu1", "relu2", "relu3"], "input": { "size": 32, "mean": [0, 0, 0], "std": [1, 1, 1] }, "layers": ["relu2"] }""");

        var run = CliRun.Of("layers", "--model", card);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"relu1\s+output of forward\(\)\s+1×4×32×32\s+dissectable", run.Output);
        Assert.Matches(@"relu3\s+output of forward\(\)\s+1×16×8×8\s+dissectable", run.Output);
    }

    [Fact]
    public void Layers_ExitsTwo_ForAnOnnxModelThatCannotTakeTheCardsSize()
    {
        var card = Card($$"""{ "format": "onnx", "file": "{{ExportedModels.Path("tiny_cnn_batch2.onnx")}}", "input": { "size": 48, "mean": [0, 0, 0], "std": [1, 1, 1] }, "layers": ["logits"] }""");

        var run = CliRun.Of("layers", "--model", card);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("input.size is 48", run.Error, StringComparison.Ordinal);
    }

    private string Card(string json)
    {
        var path = _dir.Combine("hnd-model.json");
        File.WriteAllText(path, json);
        return path;
    }
}
