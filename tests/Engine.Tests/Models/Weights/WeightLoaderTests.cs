using HndGate.Engine.Models;
using HndGate.Engine.Models.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models.Weights;

[Collection("Torch")]
public sealed class WeightLoaderTests
{
    [Fact]
    public void Load_NamesTheKeyAndBothShapes_WhenTheFileIsAnotherArchitecture()
    {
        using var dir = new TemporaryDirectory();
        var card = PyTorchEquivalenceTests.Card(dir, "resnet18", "resnet50_custom_head.pth", 64, ["layer1"]);

        var e = Assert.Throws<HndGateInputException>(() => ModelLoader.Load(card, card.Layers, CPU));

        Assert.Equal(WeightFixtures.Path("resnet50_custom_head.pth"), e.File);
        Assert.Contains("the weights do not fit resnet18 up to the layer 'layer1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'layer1.0.conv1.weight' has shape [64, 64, 1, 1] in the file but [64, 64, 3, 3] in resnet18", e.Message, StringComparison.Ordinal);
        Assert.Contains("check 'architecture'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesAFileMissingAParameterBeforeTheLayer_AndLoadsNothing()
    {
        using var dir = new TemporaryDirectory();
        using var model = ResNet18(seed: 1);
        using var source = ResNet18(seed: 2);
        var path = dir.Combine("w.pth");
        TorchZipWriter.Write(path, source.state_dict().Where(e => e.Key != "layer1.0.bn1.running_var").Select(e => (e.Key, e.Value)));
        using var before = model.state_dict()["conv1.weight"].clone();
        using var weights = StateDictReader.Read(path);

        var e = Assert.Throws<HndGateInputException>(() => Load(model, weights, 32, ["layer2.0.conv1"]));

        Assert.Contains("'layer1.0.bn1.running_var' [64] is not in the file", e.Message, StringComparison.Ordinal);
        Assert.True(model.state_dict()["conv1.weight"].equal(before).all().item<bool>());
    }

    [Fact]
    public void Load_SkipsParametersAfterTheLayer_ListingThemInForwardOrder()
    {
        using var dir = new TemporaryDirectory();
        using var model = ResNet18(seed: 1);
        using var source = ResNet18(seed: 2);
        var path = dir.Combine("w.pth");
        TorchZipWriter.Write(path, source.state_dict()
            .Where(e => e.Key != "layer1.0.bn1.running_var")
            .Select(e => (e.Key, e.Key == "fc.weight" ? e.Value.narrow(0, 0, 2) : e.Value))
            .Append(("extra.weight", ones(3))));
        using var weights = StateDictReader.Read(path);

        var report = Load(model, weights, 32, ["layer1.0.conv1"]);

        Assert.Equal("layer1.0.conv1", report.DeepestLayer);
        Assert.Equal("layer1.0.bn1.running_var", report.Skipped[0].Name);
        Assert.Null(report.Skipped[0].FileShape);
        var fc = Assert.Single(report.Skipped, s => s.Name == "fc.weight");
        Assert.Equal([2L, 512], fc.FileShape);
        Assert.Equal([1000L, 512], fc.ModelShape);
        Assert.Equal(["extra.weight"], report.Unused);
        Assert.Equal(model.state_dict().Count - 2, report.Loaded);
        Assert.True(model.state_dict()["layer4.1.conv2.weight"].equal(source.state_dict()["layer4.1.conv2.weight"]).all().item<bool>());
    }

    [Fact]
    public void Load_UsesForwardOrder_NotRegistrationOrder()
    {
        // TorchSharp registers MobileNetV2's classifier before its features; the classifier still runs last.
        using var dir = new TemporaryDirectory();
        torch.manual_seed(4);
        using var model = torchvision.models.mobilenet_v2();
        model.eval();
        var path = dir.Combine("w.pth");
        TorchZipWriter.Write(path, model.state_dict().Where(e => !e.Key.StartsWith("classifier", StringComparison.Ordinal)).Select(e => (e.Key, e.Value)));
        using var weights = StateDictReader.Read(path);

        var report = Load(model, weights, 32, ["features.18.0"]);

        Assert.Equal(["classifier.1.weight", "classifier.1.bias"], report.Skipped.Select(s => s.Name));
    }

    [Fact]
    public void Load_TakesTorchSharpsModuleSave_AndFloat16Files()
    {
        using var dir = new TemporaryDirectory();
        using var model = ResNet18(seed: 1);
        using var source = ResNet18(seed: 2);
        var dat = dir.Combine("w.dat");
        source.save(dat);
        var half = dir.Combine("half.pth");
        TorchZipWriter.Write(half, source.state_dict().Select(e => (e.Key, e.Value.dtype == ScalarType.Float32 ? e.Value.to_type(ScalarType.Float16) : e.Value)));

        using (var weights = StateDictReader.Read(dat))
        {
            var report = Load(model, weights, 32, ["layer4"]);
            Assert.Equal(WeightFileFormat.TorchSharp, report.Format);
            Assert.True(model.state_dict()["layer3.1.bn2.running_var"].equal(source.state_dict()["layer3.1.bn2.running_var"]).all().item<bool>());
        }

        using (var weights = StateDictReader.Read(half))
        {
            Load(model, weights, 32, ["layer4"]);
            var expected = source.state_dict()["layer2.0.conv1.weight"];
            var loaded = model.state_dict()["layer2.0.conv1.weight"];
            Assert.Equal(ScalarType.Float32, loaded.dtype);
            Assert.True(loaded.allclose(expected, rtol: 1e-3, atol: 1e-4));
        }
    }

    [Fact]
    public void Load_AcceptsFilesWithoutBatchNormsCounter_AsPyTorchBefore041WroteThem()
    {
        using var dir = new TemporaryDirectory();
        using var model = ResNet18(seed: 1);
        using var source = ResNet18(seed: 2);
        var path = dir.Combine("w.pth");
        TorchZipWriter.Write(path, source.state_dict().Where(e => !e.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Select(e => (e.Key, e.Value)));
        using var weights = StateDictReader.Read(path);

        var report = Load(model, weights, 32, ["layer4"]);

        Assert.Equal(20, report.Skipped.Count);
        Assert.All(report.Skipped, s => Assert.EndsWith("num_batches_tracked", s.Name, StringComparison.Ordinal));
        Assert.True(model.state_dict()["layer4.1.bn2.running_mean"].equal(source.state_dict()["layer4.1.bn2.running_mean"]).all().item<bool>());
    }

    [Fact]
    public void Load_SuggestsTheNearestNames_ForALayerThatDoesNotExist()
    {
        using var model = ResNet18(seed: 1);
        using var weights = StateDictReader.Read(WeightFixtures.Path("resnet18.pth"));

        var e = Assert.Throws<HndGateInputException>(() => Load(model, weights, 32, ["layer4.1.conv"]));

        Assert.Contains("no layer 'layer4.1.conv'", e.Message, StringComparison.Ordinal);
        Assert.Contains("layer4.1.conv1", e.Message, StringComparison.Ordinal);
    }

    private static TorchSharp.Modules.ResNet ResNet18(int seed)
    {
        torch.manual_seed(seed);
        var model = torchvision.models.resnet18();
        model.eval();
        return model;
    }

    private static WeightLoadReport Load(nn.Module<Tensor, Tensor> model, StateDict weights, int size, string[] layers) =>
        WeightLoader.Load(model, weights, ForwardTrace.Run(model, size, "model"), layers, "the model", "model");
}
