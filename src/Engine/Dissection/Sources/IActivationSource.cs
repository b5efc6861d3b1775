using HndGate.Engine.Dictionary;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection.Sources;

/// <summary>
/// Where a dissection's activations come from: a model run over the dictionary's images, or activation
/// files made by any framework. Batches follow the canonical image order; each batch holds one tensor
/// per layer (N_b × U × h × w), which the caller owns and disposes.
/// </summary>
public interface IActivationSource : IDisposable
{
    /// <summary>The dissected layers, in the order of each batch's tensors.</summary>
    IReadOnlyList<string> Layers { get; }

    /// <summary>The device the activations are on.</summary>
    Device Device { get; }

    /// <summary>The local images [first, first + count), in batches.</summary>
    IEnumerable<IReadOnlyList<Tensor>> Local(int first, int count);

    /// <summary>
    /// Images [first, first + count) of one global family, whose images go subgroup after subgroup, in batches
    /// (a shard may hold part of a family).
    /// </summary>
    IEnumerable<IReadOnlyList<Tensor>> Global(GlobalFamily family, int first, int count);
}
