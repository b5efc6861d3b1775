using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>
/// Runs a network on a batch of preprocessed images and returns the outputs of the dissected layers.
/// The formats differ only here: forward hooks on a TorchSharp module, the outputs of a TorchScript method,
/// or named values of an ONNX graph. Disposing releases the network.
/// </summary>
public interface ILayerCapture : IDisposable
{
    /// <summary>Layer names in the order <see cref="Run"/> returns their outputs.</summary>
    IReadOnlyList<string> Layers { get; }

    /// <summary>
    /// The outputs of <see cref="Layers"/> (N × U × h × w each) for a batch N × 3 × S × S on the capture's
    /// device, in the caller's dispose scope.
    /// </summary>
    IReadOnlyList<Tensor> Run(Tensor batch);
}
