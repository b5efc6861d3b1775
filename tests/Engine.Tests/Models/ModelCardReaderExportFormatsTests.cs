using HndGate.Engine.Models;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Models;

/// <summary>Model cards of the torchscript and onnx formats: what the schema and the reader accept and refuse.</summary>
public sealed class ModelCardReaderExportFormatsTests : IDisposable
{
    private const string Input = """{ "mean": [0, 0, 0], "std": [1, 1, 1] }""";
    private const string SizedInput = """{ "size": 32, "mean": [0, 0, 0], "std": [1, 1, 1] }""";

    private readonly TemporaryDirectory _dir = new();

    public ModelCardReaderExportFormatsTests()
    {
        foreach (var file in new[] { "tiny_cnn.onnx", "tiny_cnn_dynamic_hw.onnx", "tiny_cnn_method.pt" })
        {
            File.Copy(ExportedModels.Path(file), _dir.Combine(file));
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_ResolvesTheTorchScriptFile_AndReadsMethodAndOutputs()
    {
        var card = Read($$"""
            { "format": "torchscript", "file": "tiny_cnn_method.pt", "method": "features", "outputs": ["a", "b", "c"],
              "input": {{SizedInput}}, "layers": ["b"] }
            """);

        Assert.Equal((_dir.Combine("tiny_cnn_method.pt"), "features"), (card.FilePath, card.Method));
        Assert.Equal(["a", "b", "c"], card.Outputs);
        Assert.Null(card.Architecture);
    }

    [Fact]
    public void Read_CallsForward_WhenTheCardNamesNoMethod()
    {
        var card = Read($$"""{ "format": "torchscript", "file": "tiny_cnn_method.pt", "outputs": ["logits"], "input": {{SizedInput}}, "layers": ["logits"] }""");

        Assert.Equal("forward", card.Method);
    }

    [Fact]
    public void Read_TakesTheSizeFromTheOnnxModel_WhenTheCardLeavesItOut()
    {
        var card = Read($$"""{ "format": "onnx", "file": "tiny_cnn.onnx", "input": {{Input}}, "layers": ["/relu2/Relu_output_0"] }""");

        Assert.Equal(32, card.Input.Size);
    }

    [Fact]
    public void Read_AsksForTheSize_WhenTheOnnxModelsHeightAndWidthAreDynamic()
    {
        var e = Assert.Throws<HndGateInputException>(() => Read($$"""
            {
              "format": "onnx",
              "file": "tiny_cnn_dynamic_hw.onnx",
              "input": {{Input}},
              "layers": ["/relu2/Relu_output_0"]
            }
            """));

        Assert.Equal((4, "/input"), (e.Line, e.JsonPointer));
        Assert.Contains("dynamic height or width: set input.size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RequiresTheSize_ForTheOtherFormats()
    {
        var e = Assert.Throws<HndGateInputException>(() => Read($$"""{ "format": "torchscript", "file": "tiny_cnn_method.pt", "outputs": ["x"], "input": {{Input}}, "layers": ["x"] }"""));

        Assert.Equal("/input", e.JsonPointer);
        Assert.StartsWith("Required properties [\"size\"] are not present", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"format\": \"torchscript\", \"file\": \"tiny_cnn_method.pt\", \"outputs\": [\"x\"], \"architecture\": \"resnet18\"", "/architecture")]
    [InlineData("\"format\": \"onnx\", \"file\": \"tiny_cnn.onnx\", \"outputs\": [\"x\"]", "/outputs")]
    [InlineData("\"format\": \"onnx\", \"file\": \"tiny_cnn.onnx\", \"seed\": 3", "/seed")]
    [InlineData("\"format\": \"torchvision\", \"architecture\": \"resnet18\", \"file\": \"tiny_cnn.onnx\"", "/file")]
    public void Read_RefusesAFieldOfAnotherFormat(string fields, string pointer)
    {
        var e = Assert.Throws<HndGateInputException>(() => Read($$"""{ {{fields}}, "input": {{SizedInput}}, "layers": ["x"] }"""));

        Assert.Equal(pointer, e.JsonPointer);
        Assert.Contains("does not apply to the card's format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RequiresOutputs_ForTorchScript()
    {
        var e = Assert.Throws<HndGateInputException>(() => Read($$"""{ "format": "torchscript", "file": "tiny_cnn_method.pt", "input": {{SizedInput}}, "layers": ["x"] }"""));

        Assert.Contains("outputs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesTheMissingModelFile()
    {
        var e = Assert.Throws<HndGateInputException>(() => Read($$"""{ "format": "onnx", "file": "missing.onnx", "input": {{SizedInput}}, "layers": ["x"] }"""));

        Assert.Equal("/file", e.JsonPointer);
        Assert.Contains(_dir.Combine("missing.onnx"), e.Message, StringComparison.Ordinal);
    }

    private ModelCard Read(string json)
    {
        var path = _dir.Combine("hnd-model.json");
        File.WriteAllText(path, json);
        return ModelCardReader.Read(path, new JsonSchemaValidator());
    }
}
