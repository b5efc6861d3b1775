namespace HndGate.Engine.Models;

/// <summary>
/// What hnd-gate needs to run a trained model (schemas/model.schema.json): format, architecture, weights,
/// input, default layers. <see cref="WeightsPath"/> is absolute (resolved against the card's folder).
/// TorchScript and ONNX cards name the whole model's <see cref="FilePath"/> instead (docs/torchscript-onnx.md).
/// </summary>
public sealed record ModelCard(
    string CardPath,
    string Format,
    string? Architecture,
    int NumClasses,
    string? WeightsPath,
    long Seed,
    string? Task,
    ModelInputSpec Input,
    IReadOnlyList<string> Layers)
{
    /// <summary>Formats torchscript and onnx: the model file, absolute (resolved against the card's folder).</summary>
    public string? FilePath { get; init; }

    /// <summary>Format torchscript: the method whose outputs are dissected.</summary>
    public string Method { get; init; } = "forward";

    /// <summary>Format torchscript: the names of <see cref="Method"/>'s outputs, in the order it returns them.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
}
