using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>The torchvision networks hnd-gate can build; their parameter names match torchvision's state_dicts.</summary>
public static class TorchVisionArchitectures
{
    public static IReadOnlyList<string> Names { get; } =
        ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "vgg16", "mobilenet_v2"];

    /// <summary>Builds <paramref name="architecture"/> with a head of <paramref name="numClasses"/> outputs, in eval mode.</summary>
    public static nn.Module<Tensor, Tensor> Create(string architecture, int numClasses, string source)
    {
        nn.Module<Tensor, Tensor> model = architecture switch
        {
            "resnet18" => torchvision.models.resnet18(numClasses),
            "resnet34" => torchvision.models.resnet34(numClasses),
            "resnet50" => torchvision.models.resnet50(numClasses),
            "resnet101" => torchvision.models.resnet101(numClasses),
            "resnet152" => torchvision.models.resnet152(numClasses),
            "vgg16" => torchvision.models.vgg16(numClasses),
            "mobilenet_v2" => torchvision.models.mobilenet_v2(numClasses),
            _ => throw new HndGateInputException(
                $"unknown architecture '{architecture}': hnd-gate builds {string.Join(", ", Names)}", source),
        };
        model.eval();
        return model;
    }
}
