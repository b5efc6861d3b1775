using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The precision a run takes every statistic at. A model run may keep its activations between the passes in
/// the float16 <see cref="ActivationCache"/>, so it takes pass 1, the global images and pass 2 on
/// float16-rounded values: the passes then agree, and the memory budget never changes a result. The choice
/// follows the options alone, not whether a cache object exists, so that a shard, which caches nothing,
/// rounds exactly as the unsharded run does. <c>--no-cache</c> runs and activation files stay in float32.
/// </summary>
/// <param name="Float16">Round to float16 (and back to float32) before every statistic.</param>
public sealed record ActivationPrecision(bool Float16)
{
    public static ActivationPrecision For(DissectOptions options) => new(options.ModelCard is not null && !options.NoCache);

    /// <summary>The name the fingerprint records.</summary>
    public string Name => Float16 ? "float16" : "float32";

    /// <summary>
    /// The activations at this precision: a new float32 tensor of float16-rounded values (in the caller's
    /// dispose scope), or <paramref name="activations"/> itself when nothing is rounded.
    /// </summary>
    public Tensor Apply(Tensor activations, string layer)
    {
        if (!Float16)
        {
            return activations;
        }

        var rounded = activations.to(ScalarType.Float16);
        if (rounded.isinf().any().item<bool>())
        {
            throw new HndGateRuntimeException(
                $"the layer '{layer}' has activations beyond float16's range (±65504), which the activation cache keeps: run with --no-cache to dissect it in float32");
        }

        return rounded.to(ScalarType.Float32);
    }
}
