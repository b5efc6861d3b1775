using HndGate.Engine.Formats;
using HndGate.Engine.Models;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Models;

/// <summary>
/// The tiny seeded CNN of tests/fixtures/models (made by make_export_fixtures.py) in every exported
/// form, its fixed 2 × 3 × 32 × 32 input and PyTorch's own activations on it.
/// </summary>
public static class ExportedModels
{
    /// <summary>The layers whose PyTorch activations are stored, in the order the TorchScript fixtures return them.</summary>
    public static readonly IReadOnlyList<string> Layers = ["relu1", "relu2", "relu3"];

    /// <summary>Stated tolerance between frameworks: the 1e-4, absolute, on activations of order 1.</summary>
    public const double Tolerance = 1e-4;

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "models", name);

    /// <summary>The fixed input, in the caller's dispose scope.</summary>
    public static Tensor Input() => Read("input.npy");

    /// <summary>PyTorch's output of <paramref name="layer"/> on <see cref="Input"/>, in the caller's dispose scope.</summary>
    public static Tensor Reference(string layer) => Read($"reference_{layer}.npy");

    /// <summary>The ONNX value the exporter named for the output of module <paramref name="layer"/>.</summary>
    public static string OnnxValue(string layer) => $"/{layer}/Relu_output_0";

    /// <summary>A card for the fixture <paramref name="file"/>, feeding it unnormalised inputs (mean 0, std 1).</summary>
    public static ModelCard Card(string format, string file, IReadOnlyList<string> layers, int size = 32) =>
        new(System.IO.Path.Combine(AppContext.BaseDirectory, "hnd-model.json"), format, null, 1000, null, 0, null,
            new ModelInputSpec(size, "RGB", 1.0, [0, 0, 0], [1, 1, 1]), layers)
        {
            FilePath = Path(file),
        };

    /// <summary>Asserts that <paramref name="actual"/> has the reference's shape and values within <see cref="Tolerance"/>.</summary>
    public static void AssertMatchesReference(string layer, Tensor actual)
    {
        using var scope = NewDisposeScope();
        var expected = Reference(layer);
        Assert.Equal(expected.shape, actual.shape);
        var difference = (actual - expected).abs().max().item<float>();
        Assert.True(difference <= Tolerance, $"{layer}: max |difference| {difference} > {Tolerance}");
    }

    private static Tensor Read(string name)
    {
        using var reader = NpyReader.Open(Path(name));
        return reader.ReadRows(0, reader.Header.Shape[0]);
    }
}
