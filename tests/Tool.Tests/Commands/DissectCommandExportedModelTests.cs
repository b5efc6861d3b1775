using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dissection;
using HndGate.Engine.Tests.Models;

namespace HndGate.Tool.Tests.Commands;

/// <summary><c>hnd-gate dissect</c> on TorchScript and ONNX models: a run, and the input errors that exit 2.</summary>
[Collection("Torch")]
public sealed class DissectCommandExportedModelTests : IClassFixture<DissectorTests.SmallDictionary>, IDisposable
{
    private const string Input = """{ "size": 32, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] }""";

    private readonly DissectorTests.SmallDictionary _fixture;
    private readonly TemporaryDirectory _dir = new();

    public DissectCommandExportedModelTests(DissectorTests.SmallDictionary fixture) => _fixture = fixture;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Dissect_WritesResults_ForAnOnnxModelWhoseSizeComesFromTheModel()
    {
        File.Copy(ExportedModels.Path("tiny_cnn.onnx"), _dir.Combine("model.onnx"));
        var card = Card("""{ "format": "onnx", "file": "model.onnx", "input": { "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25] }, "layers": ["/relu3/Relu_output_0"] }""");
        var output = _dir.Combine("results.json");

        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", card, "--device", "cpu", "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("/relu3/Relu_output_0: 16 units", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"tally_size\": 32", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiny_cnn.onnx", "model.onnx", "onnx")]
    [InlineData("tiny_cnn_tuple.pt", "model.pt", "torchscript")]
    public void Dissect_ExitsTwo_NamingATruncatedModelFile(string fixture, string file, string format)
    {
        var bytes = File.ReadAllBytes(ExportedModels.Path(fixture));
        File.WriteAllBytes(_dir.Combine(file), bytes[..(bytes.Length / 2)]);
        var card = Card($$"""{ "format": "{{format}}", "file": "{{file}}", {{(format == "torchscript" ? "\"outputs\": [\"relu1\", \"relu2\", \"relu3\"]," : "")}} "input": {{Input}}, "layers": ["relu1"] }""");

        var run = Dissect(card);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(_dir.Combine(file), run.Error, StringComparison.Ordinal);
        Assert.Contains("truncated", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_ForAnOnnxModelWithDynamicHeightAndWidth_AndNoSizeInTheCard()
    {
        var card = Card($$"""{ "format": "onnx", "file": "{{ExportedModels.Path("tiny_cnn_dynamic_hw.onnx")}}", "input": { "mean": [0, 0, 0], "std": [1, 1, 1] }, "layers": ["/relu1/Relu_output_0"] }""");

        var run = Dissect(card);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("[batch, 3, height, width], with a dynamic height or width: set input.size", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_SuggestingNearestNames_ForALayerTheTorchScriptModuleDoesNotReturn()
    {
        var card = Card($$"""{ "format": "torchscript", "file": "{{ExportedModels.Path("tiny_cnn_tuple.pt")}}", "outputs": ["relu1", "relu2", "relu3"], "input": {{Input}}, "layers": ["relu2"] }""");

        var run = Dissect(card, "--layer", "relu_2");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'relu_2' is not among the outputs of 'forward' that the card names. Nearest names: relu2,", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_ForAnInputSizeTheModelCannotTake()
    {
        var card = Card($$"""{ "format": "torchscript", "file": "{{ExportedModels.Path("needs_size_32.pt")}}", "outputs": ["conv"], "input": { "size": 48, "mean": [0, 0, 0], "std": [1, 1, 1] }, "layers": ["conv"] }""");

        var run = Dissect(card);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fails on input of shape [1, 3, 48, 48]", run.Error, StringComparison.Ordinal);
    }

    private CliRun Dissect(string card, params string[] more) =>
        CliRun.Of(["dissect", "--dictionary", _fixture.DictionaryPath, "--model", card, "--device", "cpu", "--out", _dir.Combine("r.json"), "--quiet", .. more]);

    private string Card(string json)
    {
        var path = _dir.Combine("hnd-model.json");
        File.WriteAllText(path, json);
        return path;
    }
}
