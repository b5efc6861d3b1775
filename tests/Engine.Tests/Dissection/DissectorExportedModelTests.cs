using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using HndGate.Engine.Tests.Models;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

/// <summary>End to end: the tiny CNN exported as ONNX and as TorchScript, dissected over the small synthetic dictionary.</summary>
[Collection("Torch")]
public sealed class DissectorExportedModelTests : IClassFixture<DissectorTests.SmallDictionary>, IDisposable
{
    private const string Input = """{ "size": 32, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] }""";

    private readonly DissectorTests.SmallDictionary _fixture;
    private readonly TemporaryDirectory _dir = new();

    public DissectorExportedModelTests(DissectorTests.SmallDictionary fixture) => _fixture = fixture;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_DissectsAnOnnxNodeOutput_LikeTheSameTensorFromTorchScript()
    {
        var onnx = Dissect(Card("onnx.json", $$"""{ "format": "onnx", "file": "{{ExportedModels.Path("tiny_cnn.onnx")}}", "input": {{Input}}, "layers": ["/relu2/Relu_output_0"] }"""));
        var script = Dissect(Card("torchscript.json", $$"""
            { "format": "torchscript", "file": "{{ExportedModels.Path("tiny_cnn_method.pt")}}", "method": "features",
              "outputs": ["relu1", "relu2", "relu3"], "input": {{Input}}, "layers": ["relu2"] }
            """));

        var (a, b) = (onnx.Layers.Single(), script.Layers.Single());
        Assert.Equal(("/relu2/Relu_output_0", 16, 16, 16), (a.Name, a.Result.Units.Count, a.MapHeight, a.MapWidth));
        Assert.Equal(("relu2", 16, 16, 16), (b.Name, b.Result.Units.Count, b.MapHeight, b.MapWidth));
        Assert.Equal(("onnx", "torchscript"), (onnx.Fingerprint.Model, script.Fingerprint.Model));
        Assert.Equal(32, onnx.Settings.TallySize);
        // Same weights, two runtimes: activations agree to ~1e-6, so thresholds do, and counts up to rare ties.
        Assert.All(a.Result.Units.Zip(b.Result.Units), p => Assert.True(Math.Abs(p.First.Threshold - p.Second.Threshold) <= 1e-4 + 1e-4 * Math.Abs(p.Second.Threshold)));
        Assert.All(
            a.Result.Iou.Intersections.Zip(b.Result.Iou.Intersections, b.Result.Iou.Unions),
            t => Assert.True(Math.Abs(t.First - t.Second) <= t.Third / 100 + 1, $"{t.First} vs {t.Second} of {t.Third}"));
        Assert.Contains(a.Result.Iou.Intersections, i => i > 0);
    }

    [Fact]
    public void Run_DissectsSeveralTorchScriptOutputs_InOnePass()
    {
        var results = Dissect(Card("tuple.json", $$"""
            { "format": "torchscript", "file": "{{ExportedModels.Path("tiny_cnn_tuple.pt")}}",
              "outputs": ["relu1", "relu2", "relu3"], "input": {{Input}}, "layers": ["relu3", "relu1"] }
            """));

        Assert.Equal(["relu3", "relu1"], results.Layers.Select(l => l.Name));
        Assert.Equal([(16, 8), (4, 32)], results.Layers.Select(l => (l.Result.Units.Count, l.MapHeight)));
    }

    [Theory]
    [InlineData("tiny_cnn.onnx", "onnx", "/relu2/Relu_output_0")]
    [InlineData("tiny_cnn_tuple.pt", "torchscript", "relu2")]
    public void Run_LeavesNoTensorAlive(string file, string format, string layer)
    {
        var outputs = format == "torchscript" ? "\"outputs\": [\"relu1\", \"relu2\", \"relu3\"]," : "";
        var card = Card("leak.json", $$"""{ "format": "{{format}}", "file": "{{ExportedModels.Path(file)}}", {{outputs}} "input": {{Input}}, "layers": ["{{layer}}"] }""");
        // Wrappers other tests left to the garbage collector must not be finalized during the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = LiveTensors.Settled();

        new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(_fixture.Options() with { ModelCard = card, MemoryBudget = 1024 });

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Run_RefusesAMissingOnnxValue_BeforeReadingAnyImage()
    {
        var card = Card("bad.json", $$"""{ "format": "onnx", "file": "{{ExportedModels.Path("tiny_cnn.onnx")}}", "input": {{Input}}, "layers": ["/relu9/Relu_output_0"] }""");

        var e = Assert.Throws<HndGateInputException>(() => Dissect(card));

        Assert.Contains("Nearest names: /relu1/Relu_output_0", e.Message, StringComparison.Ordinal);
    }

    private string Card(string name, string json)
    {
        var path = _dir.Combine(name);
        File.WriteAllText(path, json);
        return path;
    }

    private DissectionResults Dissect(string card) =>
        new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(_fixture.Options() with { ModelCard = card, NoCache = true });
}
