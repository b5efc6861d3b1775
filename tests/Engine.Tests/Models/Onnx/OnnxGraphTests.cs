using HndGate.Engine.Models.Onnx;

namespace HndGate.Engine.Tests.Models.Onnx;

public sealed class OnnxGraphTests
{
    [Fact]
    public void Read_ListsTheInputAndEveryNodeOutput_InNodeOrder()
    {
        var graph = OnnxGraph.Read(ExportedModels.Path("tiny_cnn.onnx"));

        // As onnx.load(...).graph shows them (make_export_fixtures.py); batch norm is folded into conv2.
        Assert.Equal(
            ["/conv1/Conv_output_0", "/relu1/Relu_output_0", "/conv2/Conv_output_0", "/relu2/Relu_output_0", "/conv3/Conv_output_0",
             "/relu3/Relu_output_0", "/pool/GlobalAveragePool_output_0", "/Flatten_output_0", "logits"],
            graph.Values);
        Assert.Equal(["logits"], graph.Outputs);
        var input = Assert.Single(graph.Inputs);
        Assert.Equal("image", input.Name);
        Assert.Equal(OnnxInput.Float32, input.ElementType);
        Assert.Equal([null, 3L, 32L, 32L], input.Shape!);
        Assert.Equal("[batch, 3, 32, 32]", input.ShapeText);
    }

    [Fact]
    public void Read_NamesTheDynamicAxes()
    {
        var input = OnnxGraph.Read(ExportedModels.Path("tiny_cnn_dynamic_hw.onnx")).ImageInput();

        Assert.Equal("[batch, 3, height, width]", input.ShapeText);
    }

    [Fact]
    public void WithOutputs_AppendsTheValues_ToTheGraphOutputs()
    {
        using var dir = new TemporaryDirectory();
        var graph = OnnxGraph.Read(ExportedModels.Path("tiny_cnn.onnx"));
        var edited = dir.Combine("edited.onnx");

        File.WriteAllBytes(edited, graph.WithOutputs(["/relu1/Relu_output_0", "logits", "/conv3/Conv_output_0"]));
        var reread = OnnxGraph.Read(edited);

        Assert.Equal(["logits", "/relu1/Relu_output_0", "/conv3/Conv_output_0"], reread.Outputs);
        Assert.Equal(graph.Values, reread.Values);
        Assert.Equal(graph.Inputs[0].ShapeText, reread.Inputs[0].ShapeText);
    }

    [Fact]
    public void WithOutputs_LeavesTheFileAsItIs_WhenEveryValueIsAlreadyAnOutput()
    {
        var graph = OnnxGraph.Read(ExportedModels.Path("tiny_cnn.onnx"));

        Assert.Equal(File.ReadAllBytes(ExportedModels.Path("tiny_cnn.onnx")), graph.WithOutputs(["logits"]));
    }

    [Theory]
    [InlineData(null, 32)]
    [InlineData(32, 32)]
    public void ImageSize_IsTheFixedInputSize_OrTheCardsWhenTheyAgree(int? cardSize, int expected)
    {
        var graph = OnnxGraph.Read(ExportedModels.Path("tiny_cnn.onnx"));

        Assert.Equal(expected, graph.ImageSize(cardSize, new InputLocation("card.json")));
    }

    [Fact]
    public void ImageSize_IsTheCards_ForADynamicInput()
    {
        var graph = OnnxGraph.Read(ExportedModels.Path("tiny_cnn_dynamic_hw.onnx"));

        Assert.Equal(48, graph.ImageSize(48, new InputLocation("card.json")));
    }

    [Fact]
    public void ImageSize_AsksForTheCardsSize_WhenHeightAndWidthAreDynamic()
    {
        var graph = OnnxGraph.Read(ExportedModels.Path("tiny_cnn_dynamic_hw.onnx"));

        var e = Assert.Throws<HndGateInputException>(() => graph.ImageSize(null, new InputLocation("card.json", 7, "/input")));

        Assert.Equal(("card.json", 7, "/input"), (e.File, e.Line, e.JsonPointer));
        Assert.Contains("[batch, 3, height, width], with a dynamic height or width: set input.size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAFileThatIsNotAProtobufMessage()
    {
        using var dir = new TemporaryDirectory();
        var file = dir.Combine("text.onnx");
        File.WriteAllText(file, "this is not an ONNX model\n");

        var e = Assert.Throws<HndGateInputException>(() => OnnxGraph.Read(file));

        Assert.Equal(file, e.File);
        Assert.StartsWith("not a readable ONNX model", e.Problem, StringComparison.Ordinal);
    }
}
