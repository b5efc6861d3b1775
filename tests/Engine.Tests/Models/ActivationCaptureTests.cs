using HndGate.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models;

[Collection("Torch")]
public sealed class ActivationCaptureTests
{
    private static TorchSharp.Modules.ResNet SeededResNet18()
    {
        torch.manual_seed(7);
        var model = torchvision.models.resnet18();
        model.eval();
        return model;
    }

    [Fact]
    public void Run_ReturnsEachLayersOutput_EqualToRunningTheLayersByHand()
    {
        using var model = SeededResNet18();
        using var scope = torch.NewDisposeScope();
        var input = torch.randn(2, 3, 64, 64, generator: new Generator(1));
        using var capture = new ActivationCapture(model, ["layer3", "layer4.1.conv1", "conv1"], "resnet18");

        var captured = capture.Run(input);

        Tensor expectedLayer3, expectedConv;
        using (torch.no_grad())
        {
            Tensor Layer(string name, Tensor x) => LayerNames.Find(model, name, "resnet18").call(x);
            var stem = Layer("maxpool", Layer("relu", Layer("bn1", Layer("conv1", input))));
            expectedLayer3 = Layer("layer3", Layer("layer2", Layer("layer1", stem)));
            expectedConv = Layer("layer4.1.conv1", Layer("layer4.0", expectedLayer3));
        }

        Assert.Equal([2L, 256, 4, 4], captured[0].shape);
        Assert.Equal([2L, 512, 2, 2], captured[1].shape);
        Assert.Equal([2L, 64, 32, 32], captured[2].shape);
        Assert.True(captured[0].allclose(expectedLayer3, rtol: 1e-5, atol: 1e-6));
        Assert.True(captured[1].allclose(expectedConv, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Run_LeavesNoTensorAlive_OnceTheCallersScopeEnds()
    {
        using var model = SeededResNet18();
        using var capture = new ActivationCapture(model, ["layer2", "layer4"], "resnet18");
        var before = LiveTensors.Settled();

        using (var scope = torch.NewDisposeScope())
        {
            for (var batch = 0; batch < 3; batch++)
            {
                var outputs = capture.Run(torch.rand(2, 3, 32, 32));
                Assert.Equal(2, outputs.Count);
            }
        }

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Constructor_SuggestsTheNearestNames_WhenTheLayerDoesNotExist()
    {
        using var model = SeededResNet18();

        var e = Assert.Throws<HndGateInputException>(() => new ActivationCapture(model, ["layer4.1.conv"], "model.pth"));

        Assert.StartsWith("model.pth: the model has no layer 'layer4.1.conv'", e.Message, StringComparison.Ordinal);
        Assert.Contains("layer4.1.conv1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("layer4", "layer4", 0)]
    [InlineData("layer4.1.conv", "layer4.1.conv1", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void EditDistance_CountsSingleCharacterEdits(string a, string b, int expected)
    {
        Assert.Equal(expected, LayerNames.EditDistance(a, b));
        Assert.Equal(expected, LayerNames.EditDistance(b, a));
    }
}
