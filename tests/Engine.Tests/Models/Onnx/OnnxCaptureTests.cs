using HndGate.Engine.Models;
using HndGate.Engine.Models.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models.Onnx;

[Collection("Torch")]
public sealed class OnnxCaptureTests
{
    private static readonly string[] Values = ExportedModels.Layers.Select(ExportedModels.OnnxValue).ToArray();

    private static IReadOnlyList<Tensor> Capture(string file, Tensor input)
    {
        using var capture = OnnxCapture.Open(ExportedModels.Card(ModelFormat.Onnx, file, Values), Values, CPU, deviceRequested: false);
        return capture.Run(input);
    }

    [Theory]
    [InlineData("tiny_cnn.onnx")]
    [InlineData("tiny_cnn_dynamic_hw.onnx")]
    [InlineData("tiny_cnn_external.onnx")]
    public void Run_ReproducesPyTorchsActivations_ForNodeOutputsByName(string file)
    {
        using var scope = NewDisposeScope();

        var outputs = Capture(file, ExportedModels.Input());

        foreach (var (layer, output) in ExportedModels.Layers.Zip(outputs))
        {
            ExportedModels.AssertMatchesReference(layer, output);
        }
    }

    [Fact]
    public void Run_FeedsSlicesOfTheFixedBatchSize_PaddingTheLast()
    {
        using var scope = NewDisposeScope();
        var input = ExportedModels.Input();
        // Three images through a model fixed at two: one full slice, then one image padded to two.
        var three = cat([input, input[0..1]], 0);

        var outputs = Capture("tiny_cnn_batch2.onnx", three);

        var reference = ExportedModels.Reference("relu2");
        Assert.Equal([3L, 16, 16, 16], outputs[1].shape);
        Assert.True((outputs[1][0..2] - reference).abs().max().item<float>() <= ExportedModels.Tolerance);
        Assert.True((outputs[1][2] - reference[0]).abs().max().item<float>() <= ExportedModels.Tolerance);
    }

    [Fact]
    public void Run_AgreesWithTheTorchScriptExport_OfTheSameWeights()
    {
        using var scope = NewDisposeScope();
        var input = torch.rand(3, 3, 32, 32, generator: new Generator(11)) * 4 - 2;
        var card = ExportedModels.Card(ModelFormat.TorchScript, "tiny_cnn_method.pt", ["relu3"]) with { Method = "features", Outputs = ExportedModels.Layers };
        using var script = TorchScriptCapture.Open(card, ["relu3"], CPU);

        var fromOnnx = Capture("tiny_cnn.onnx", input)[2];
        var fromScript = script.Run(input)[0];

        Assert.True((fromOnnx - fromScript).abs().max().item<float>() <= ExportedModels.Tolerance);
        Assert.True(fromScript.abs().max().item<float>() > 0.1, "the maps are not all (near) zero");
    }

    [Fact]
    public void Run_LeavesNoTensorAlive_OnceTheCallersScopeEnds()
    {
        using var capture = OnnxCapture.Open(ExportedModels.Card(ModelFormat.Onnx, "tiny_cnn.onnx", Values), Values, CPU, deviceRequested: false);
        using var input = ExportedModels.Input();
        var before = LiveTensors.Settled();

        using (var scope = NewDisposeScope())
        {
            Assert.Equal(3, capture.Run(input).Count);
        }

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Open_SuggestsTheNearestValueNames_WhenTheGraphHasNoSuchValue()
    {
        var card = ExportedModels.Card(ModelFormat.Onnx, "tiny_cnn.onnx", ["/relu2/Relu_output"]);

        var e = Assert.Throws<HndGateInputException>(() => OnnxCapture.Open(card, card.Layers, CPU, deviceRequested: false));

        Assert.Equal("/layers", e.JsonPointer);
        Assert.Contains("has no value '/relu2/Relu_output'. Nearest names: /relu2/Relu_output_0,", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public void Open_NamesTheFile_WhenTheModelIsTruncated(int divisor)
    {
        using var dir = new TemporaryDirectory();
        var truncated = dir.Combine("truncated.onnx");
        var bytes = File.ReadAllBytes(ExportedModels.Path("tiny_cnn.onnx"));
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / divisor)]);
        var card = ExportedModels.Card(ModelFormat.Onnx, "tiny_cnn.onnx", Values) with { FilePath = truncated };

        var e = Assert.Throws<HndGateInputException>(() => OnnxCapture.Open(card, Values, CPU, deviceRequested: false));

        Assert.Equal(truncated, e.File);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RefusesATorchScriptFile_AsAnOnnxModel()
    {
        var card = ExportedModels.Card(ModelFormat.Onnx, "tiny_cnn_tuple.pt", Values);

        var e = Assert.Throws<HndGateInputException>(() => OnnxCapture.Open(card, Values, CPU, deviceRequested: false));

        Assert.Equal(card.FilePath, e.File);
        Assert.Contains("ONNX model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RefusesACardSize_ThatTheFixedInputDoesNotHave()
    {
        var card = ExportedModels.Card(ModelFormat.Onnx, "tiny_cnn.onnx", Values, size: 64);

        var e = Assert.Throws<HndGateInputException>(() => OnnxCapture.Open(card, Values, CPU, deviceRequested: false));

        Assert.Equal("/input/size", e.JsonPointer);
        Assert.Contains("input.size is 64 but the ONNX model 'tiny_cnn.onnx' takes images of shape [batch, 3, 32, 32]", e.Message, StringComparison.Ordinal);
    }
}
