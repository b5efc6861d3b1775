using HndGate.Engine.Models.Architectures;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>The architectures of the card's "torchvision" format: torchvision's, and facenet-pytorch's Inception-ResNet-v1.</summary>
public static class BuiltInArchitectures
{
    private const string TorchVision = "torchvision";

    public static IReadOnlyList<BuiltInArchitecture> All { get; } =
    [
        new("resnet18", TorchVision, ModelInputSpec.ImageNet(224), "layer4.1.conv2", ["fc"], "fc.weight"),
        new("resnet34", TorchVision, ModelInputSpec.ImageNet(224), "layer4.2.conv2", ["fc"], "fc.weight"),
        new("resnet50", TorchVision, ModelInputSpec.ImageNet(224), "layer4.2.conv3", ["fc"], "fc.weight"),
        new("resnet101", TorchVision, ModelInputSpec.ImageNet(224), "layer4.2.conv3", ["fc"], "fc.weight"),
        new("resnet152", TorchVision, ModelInputSpec.ImageNet(224), "layer4.2.conv3", ["fc"], "fc.weight"),
        new("vgg16", TorchVision, ModelInputSpec.ImageNet(224), "features.28", ["classifier"], "classifier.6.weight"),
        new("mobilenet_v2", TorchVision, ModelInputSpec.ImageNet(224), "features.18.0", ["classifier"], "classifier.1.weight"),

        // facenet-pytorch's fixed_image_standardization: (x − 127.5) / 128 on pixels in [0, 255].
        new("inception_resnet_v1", "facenet-pytorch", new ModelInputSpec(160, "RGB", 255, [127.5, 127.5, 127.5], [128, 128, 128]),
            "block8.conv2d", ["last_linear", "last_bn"], null),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(a => a.Name).ToList();

    public static BuiltInArchitecture Find(string name, string source) =>
        All.FirstOrDefault(a => a.Name == name)
        ?? throw new HndGateInputException($"unknown architecture '{name}': hnd-gate builds {string.Join(", ", Names)}", source);

    /// <summary>
    /// Builds <paramref name="name"/> with seeded-by-the-caller random weights, in eval mode. <paramref name="numClasses"/>
    /// sizes torchvision's classifier; Inception-ResNet-v1 has none (it gives the embedding).
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(string name, int numClasses, string source)
    {
        var architecture = Find(name, source);
        if (architecture.Family == TorchVision)
        {
            return TorchVisionArchitectures.Create(name, numClasses, source);
        }

        var model = new InceptionResnetV1();
        model.eval();
        return model;
    }
}
