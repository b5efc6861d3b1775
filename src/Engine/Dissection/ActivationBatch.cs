using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>The layer output of a batch of images as the accumulators take it: N_b × U × h × w, float32 or float16.</summary>
internal static class ActivationBatch
{
    public static void Check(Tensor batch, int units)
    {
        if (batch.dim() != 4 || batch.shape[1] != units)
        {
            throw new ArgumentException($"activations must be images × {units} units × h × w; got [{string.Join(", ", batch.shape)}]", nameof(batch));
        }

        if (batch.dtype is not (ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16))
        {
            throw new ArgumentException($"activations must be float32, float16 or bfloat16; got {batch.dtype}", nameof(batch));
        }

        if (batch.shape[2] < 1 || batch.shape[3] < 1)
        {
            throw new ArgumentException($"activation maps must have at least one position; got [{string.Join(", ", batch.shape)}]", nameof(batch));
        }
    }

    /// <summary>The batch as float32 on <paramref name="device"/> (exact for half-precision inputs).</summary>
    public static Tensor AsFloat(Tensor batch, Device device) => batch.to(ScalarType.Float32, device);
}
