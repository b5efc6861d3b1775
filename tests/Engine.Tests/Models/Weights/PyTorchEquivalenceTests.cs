using HndGate.Engine.Formats;
using HndGate.Engine.Models;
using HndGate.Engine.Models.Architectures;
using HndGate.Engine.Models.Weights;
using HndGate.Engine.Schemas;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models.Weights;

/// <summary>
/// Whole networks loaded from files real torch.save wrote, run on the input the fixture script used, against
/// the activations PyTorch 1.13 computed from the same files (the *_px.npy fixtures). Tolerance: every value
/// within 1e-4 · max(1, largest |expected|) — float32 sums in another order (LibTorch 2.10 vs PyTorch 1.13).
/// </summary>
[Collection("Torch")]
public sealed class PyTorchEquivalenceTests(ITestOutputHelper output)
{
    [Fact]
    public void ResNet18StateDict_LoadsEveryEntry_AndMatchesPyTorchsActivations()
    {
        using var dir = new TemporaryDirectory();
        var card = Card(dir, "resnet18", "resnet18.pth", 64, ["layer4.1.conv1"]);

        var loaded = ModelLoader.Load(card, card.Layers, CPU);
        using var model = loaded.Module;

        var report = loaded.Weights!;
        Assert.Equal(WeightFileFormat.PyTorch, report.Format);
        Assert.Equal(model.state_dict().Count, report.Loaded);
        Assert.Empty(report.Skipped);
        Assert.Empty(report.Unused);
        Assert.Null(report.NestedKey);
        AssertActivations(model, "resnet18", ["layer2", "layer4.1.conv1"], 64);
    }

    [Fact]
    public void CustomHeadCheckpoint_LikeTheAuthorsGenderModel_LoadsUpToLayer4_AndListsTheHead()
    {
        using var dir = new TemporaryDirectory();
        var card = Card(dir, "resnet50", "resnet50_custom_head.pth", 64, ["layer4"]);

        var loaded = ModelLoader.Load(card, card.Layers, CPU);
        using var model = loaded.Module;

        var report = loaded.Weights!;
        Assert.Equal("state_dict", report.NestedKey);
        Assert.True(report.StrippedModulePrefix);
        Assert.Equal("layer4", report.DeepestLayer);
        Assert.Equal(model.state_dict().Count - 2, report.Loaded);
        Assert.Equal(["fc.weight", "fc.bias"], report.Skipped.Select(s => s.Name));
        Assert.All(report.Skipped, s => Assert.Null(s.FileShape));
        Assert.Equal(["fc.0.weight", "fc.0.bias", "fc.3.weight", "fc.3.bias"], report.Unused);
        AssertActivations(model, "resnet50_custom_head", ["layer4"], 64);
    }

    [Fact]
    public void InceptionResnetV1_LoadsFacenetPytorchsLegacyStateDict_AndMatchesItsActivations()
    {
        using var dir = new TemporaryDirectory();
        var card = Card(dir, "inception_resnet_v1", "inception_resnet_v1_legacy.pt", 112, ["block8"]);

        var loaded = ModelLoader.Load(card, card.Layers, CPU);
        using var model = loaded.Module;

        var report = loaded.Weights!;
        Assert.Equal(WeightFileFormat.PyTorchLegacy, report.Format);
        Assert.Equal(model.state_dict().Count, report.Loaded);
        Assert.Empty(report.Skipped);
        Assert.Equal(["logits.weight", "logits.bias"], report.Unused);
        AssertActivations(model, "inception_resnet_v1", ["repeat_1", "mixed_6a", "block8", "block8.conv2d"], 112);
    }

    [Fact]
    public void InceptionResnetV1_HasFacenetPytorchsNamesAndShapes_ForEveryEntry()
    {
        using var model = new InceptionResnetV1();
        using var weights = StateDictReader.Read(WeightFixtures.Path("inception_resnet_v1_legacy.pt"));

        var expected = weights.Entries.Where(e => !e.Key.StartsWith("logits.", StringComparison.Ordinal))
            .Select(e => $"{e.Key} [{string.Join(",", e.Value.shape)}]")
            .Order(StringComparer.Ordinal);
        var actual = model.state_dict().Select(e => $"{e.Key} [{string.Join(",", e.Value.shape)}]").Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    /// <summary>The fixture script's input: integers, then exact float32 steps.</summary>
    internal static Tensor TestInput(int size)
    {
        using var scope = NewDisposeScope();
        var n = 3L * size * size;
        return arange(n, dtype: ScalarType.Int64).mul(7919).remainder(255).to_type(ScalarType.Float32)
            .div(127.5).sub(1.0).reshape(1, 3, size, size).MoveToOuterDisposeScope();
    }

    internal static ModelCard Card(TemporaryDirectory dir, string architecture, string weights, int size, string[] layers)
    {
        var path = dir.Combine("hnd-model.json");
        File.WriteAllText(path, $$"""
            {
              "format": "torchvision",
              "architecture": "{{architecture}}",
              "weights": "{{WeightFixtures.Path(weights)}}",
              "input": { "size": {{size}}, "mean": [0, 0, 0], "std": [1, 1, 1] },
              "layers": [{{string.Join(", ", layers.Select(l => $"\"{l}\""))}}]
            }
            """);
        return ModelCardReader.Read(path, new JsonSchemaValidator());
    }

    private void AssertActivations(nn.Module<Tensor, Tensor> model, string prefix, string[] layers, int size)
    {
        using var scope = NewDisposeScope();
        using var capture = new ActivationCapture(model, layers, prefix);
        var outputs = capture.Run(TestInput(size));
        for (var i = 0; i < layers.Length; i++)
        {
            using var reader = NpyReader.Open(WeightFixtures.Path($"{prefix}_{layers[i]}_{size}px.npy"));
            var expected = reader.ReadRows(0, 1);
            Assert.Equal(expected.shape, outputs[i].shape);
            var scale = Math.Max(1.0, expected.abs().max().item<float>());
            var error = (outputs[i] - expected).abs().max().item<float>();
            output.WriteLine($"{prefix} {layers[i]}: largest difference {error:G3}, allowed {1e-4 * scale:G3}");
            Assert.True(error <= 1e-4 * scale, $"{layers[i]}: largest difference {error} exceeds {1e-4 * scale}");
        }
    }
}
