using HndGate.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models;

[Collection("Torch")]
public sealed class TorchScriptCaptureTests
{
    private static ModelCard TupleCard(params string[] layers) =>
        ExportedModels.Card(ModelFormat.TorchScript, "tiny_cnn_tuple.pt", layers) with { Outputs = ExportedModels.Layers };

    private static ModelCard MethodCard(params string[] layers) =>
        ExportedModels.Card(ModelFormat.TorchScript, "tiny_cnn_method.pt", layers) with { Method = "features", Outputs = ExportedModels.Layers };

    [Fact]
    public void Run_ReproducesPyTorchsActivations_ForAModuleReturningATuple()
    {
        using var capture = TorchScriptCapture.Open(TupleCard("relu1", "relu2", "relu3"), ["relu1", "relu2", "relu3"], CPU);
        using var scope = NewDisposeScope();

        var outputs = capture.Run(ExportedModels.Input());

        Assert.Equal(3, outputs.Count);
        foreach (var (layer, output) in ExportedModels.Layers.Zip(outputs))
        {
            ExportedModels.AssertMatchesReference(layer, output);
        }
    }

    [Fact]
    public void Run_ReturnsTheRequestedOutputsInTheRequestedOrder_ForAnExportedMethod()
    {
        using var capture = TorchScriptCapture.Open(MethodCard(), ["relu3", "relu1"], CPU);
        using var scope = NewDisposeScope();

        var outputs = capture.Run(ExportedModels.Input());

        Assert.Equal(["relu3", "relu1"], capture.Layers);
        ExportedModels.AssertMatchesReference("relu3", outputs[0]);
        ExportedModels.AssertMatchesReference("relu1", outputs[1]);
    }

    [Fact]
    public void Run_LeavesNoTensorAlive_OnceTheCallersScopeEnds()
    {
        using var capture = TorchScriptCapture.Open(TupleCard(), ["relu2"], CPU);
        using var input = ExportedModels.Input();
        var before = LiveTensors.Settled();

        using (var scope = NewDisposeScope())
        {
            Assert.Single(capture.Run(input));
        }

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Run_ReturnsTheNamedEntriesOfADictOutput_AsCreateFeatureExtractorExportsIt()
    {
        var card = ExportedModels.Card(ModelFormat.TorchScript, "tiny_cnn_dict.pt", ["relu3", "relu1"]) with { Outputs = ["relu3", "relu1"] };
        var original = File.ReadAllBytes(card.FilePath!);
        var temporary = Directory.GetFiles(Path.GetTempPath(), "hnd-gate-*.pt").Length;

        using var capture = TorchScriptCapture.Open(card, ["relu1", "relu3"], CPU);
        using var scope = NewDisposeScope();
        var outputs = capture.Run(ExportedModels.Input());

        ExportedModels.AssertMatchesReference("relu1", outputs[0]);
        ExportedModels.AssertMatchesReference("relu3", outputs[1]);
        Assert.Equal(original, File.ReadAllBytes(card.FilePath!));
        Assert.Equal(temporary, Directory.GetFiles(Path.GetTempPath(), "hnd-gate-*.pt").Length);
    }

    [Fact]
    public void Open_NamesTheOutputsAtFault_WhenTheyAreNotKeysOfTheDict()
    {
        var card = ExportedModels.Card(ModelFormat.TorchScript, "tiny_cnn_dict.pt", ["relu2"]) with { Outputs = ["relu2", "relu9"] };

        var e = Assert.Throws<HndGateInputException>(() => TorchScriptCapture.Open(card, ["relu2"], CPU));

        Assert.Equal(card.CardPath, e.File);
        Assert.Equal("/outputs", e.JsonPointer);
        Assert.Contains("returns a dict, and 'outputs' must name its keys", e.Message, StringComparison.Ordinal);
        Assert.Contains("relu9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SuggestsTheNearestOutputName_WhenTheLayerIsNotAnOutput()
    {
        var e = Assert.Throws<HndGateInputException>(() => TorchScriptCapture.Open(TupleCard(), ["rleu2"], CPU));

        Assert.Equal("/layers", e.JsonPointer);
        Assert.Contains("Nearest names: relu2,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ExplainsThatHooksCannotReachInside_WhenTheLayerIsASubmodule()
    {
        var e = Assert.Throws<HndGateInputException>(() => TorchScriptCapture.Open(MethodCard(), ["bn2"], CPU));

        Assert.Contains("'bn2' is a submodule", e.Message, StringComparison.Ordinal);
        Assert.Contains("name it in 'outputs'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NamesTheMethod_WhenTheModuleLacksIt()
    {
        var e = Assert.Throws<HndGateInputException>(() => TorchScriptCapture.Open(MethodCard() with { Method = "featurez" }, ["relu1"], CPU));

        Assert.Equal("/method", e.JsonPointer);
        Assert.Contains("no method 'featurez'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RefusesTheCard_WhenOutputsNamesFewerTensorsThanTheMethodReturns()
    {
        var card = TupleCard() with { Outputs = ["relu1", "relu2"] };

        var e = Assert.Throws<HndGateInputException>(() => TorchScriptCapture.Open(card, ["relu1"], CPU));

        Assert.Equal("/outputs", e.JsonPointer);
        Assert.Contains("returns 3 tensor(s) but 'outputs' names 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_GivesTheModelsOwnMessage_ForAnInputSizeTheModuleCannotTake()
    {
        var card = ExportedModels.Card(ModelFormat.TorchScript, "needs_size_32.pt", ["conv"], size: 64) with { Outputs = ["conv"] };

        var e = Assert.Throws<HndGateInputException>(() => TorchScriptCapture.Open(card, ["conv"], CPU));

        Assert.Equal(card.FilePath, e.File);
        Assert.Contains("fails on input of shape [1, 3, 64, 64]", e.Message, StringComparison.Ordinal);
        Assert.Contains("is invalid for input of size", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NamesTheFile_WhenItIsTruncated()
    {
        using var dir = new TemporaryDirectory();
        var truncated = dir.Combine("truncated.pt");
        var bytes = File.ReadAllBytes(ExportedModels.Path("tiny_cnn_tuple.pt"));
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var card = TupleCard() with { FilePath = truncated };

        var e = Assert.Throws<HndGateInputException>(() => TorchScriptCapture.Open(card, ["relu1"], CPU));

        Assert.Equal(truncated, e.File);
        Assert.Contains("cannot load the TorchScript module", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }
}
