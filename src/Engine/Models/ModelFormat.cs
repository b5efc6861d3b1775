namespace HndGate.Engine.Models;

/// <summary>The values of a model card's <c>format</c> (schemas/model.schema.json).</summary>
public static class ModelFormat
{
    /// <summary>An architecture hnd-gate builds, with torchvision's parameter names.</summary>
    public const string TorchVision = "torchvision";

    /// <summary>A module saved with <c>torch.jit.save</c>; the maps to dissect are outputs of one of its methods.</summary>
    public const string TorchScript = "torchscript";

    /// <summary>An ONNX model; any value a node computes can be dissected by name.</summary>
    public const string Onnx = "onnx";
}
