using HndGate.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models;

[Collection("Torch")]
public sealed class ForwardTraceTests
{
    [Fact]
    public void Run_GivesEveryModulesOutputShape_InForwardOrder()
    {
        torch.manual_seed(1);
        using var model = torchvision.models.resnet18();
        model.eval();

        var trace = ForwardTrace.Run(model, 64, "resnet18");

        var names = trace.Select(t => t.Name).ToList();
        Assert.Equal(model.named_modules().Count(), trace.Count);
        Assert.Equal("conv1", names[0]);
        Assert.True(names.IndexOf("layer1.0.conv2") < names.IndexOf("layer1.0") && names.IndexOf("layer1.0") < names.IndexOf("layer2.0.conv1"));
        Assert.Equal("fc", names[^1]);
        var conv = trace.Single(t => t.Name == "layer4.1.conv1");
        Assert.Equal([1L, 512, 2, 2], conv.OutputShape);
        Assert.True(conv.Dissectable);
        Assert.False(trace.Single(t => t.Name == "fc").Dissectable);
        Assert.All(trace, t => Assert.True(t.Reached));
    }

    [Theory]
    [InlineData("inception_resnet_v1", 75)]
    [InlineData("vgg16", 32)]
    public void Run_AcceptsTheSmallestInputAnArchitectureTakes_AndRefusesOneLess(string architecture, int smallest)
    {
        torch.manual_seed(1);
        using var model = BuiltInArchitectures.Create(architecture, 10, "card.json");

        var trace = ForwardTrace.Run(model, smallest, "card.json");
        var e = Assert.Throws<HndGateInputException>(() => ForwardTrace.Run(model, smallest - 1, "card.json"));

        Assert.Contains(trace, t => t.Dissectable);
        Assert.StartsWith($"card.json: the model cannot take {smallest - 1}×{smallest - 1} inputs: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LeavesNoTensorAlive()
    {
        torch.manual_seed(1);
        using var model = torchvision.models.resnet18();
        model.eval();
        var before = LiveTensors.Settled();

        ForwardTrace.Run(model, 32, "resnet18");

        Assert.Equal(before, Tensor.TotalCount);
    }
}
