using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>R1: decoded pixels to model input and masks to binary maps at the tally resolution.</summary>
public static class InputPreprocessing
{
    /// <summary>
    /// R1.1–2: an 8-bit RGB image (row-major, 3 bytes a pixel) → a 3 × S × S float tensor: resized to S × S
    /// (bilinear, align_corners = false, no antialiasing; non-square images are stretched), scaled so that
    /// 255 maps to the spec's pixel scale, reordered to the model's channel order, normalised with its mean/std.
    /// </summary>
    public static Tensor Image(ReadOnlySpan<byte> rgb, int width, int height, ModelInputSpec spec)
    {
        using var scope = NewDisposeScope();
        var scaled = Resized(rgb, width, height, spec.Size).mul(spec.PixelScale / 255.0);
        if (spec.ChannelOrder == "BGR")
        {
            scaled = scaled.flip(0);
        }

        var mean = tensor(spec.Mean.Select(m => (float)m).ToArray()).view(3, 1, 1);
        var std = tensor(spec.Std.Select(s => (float)s).ToArray()).view(3, 1, 1);
        return scaled.sub(mean).div(std).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// R1.2's resize alone: an 8-bit RGB image (row-major, 3 bytes a pixel) → a 3 × size × size float tensor of
    /// 0–255 values (bilinear, align_corners = false, no antialiasing; non-square images are stretched), in the
    /// caller's dispose scope. The report's pictures show the image as the model saw it.
    /// </summary>
    public static Tensor Resized(ReadOnlySpan<byte> rgb, int width, int height, int size)
    {
        using var scope = NewDisposeScope();
        var pixels = tensor(rgb.ToArray(), [height, width, 3], ScalarType.Byte)
            .permute(2, 0, 1)
            .to_type(ScalarType.Float32)
            .unsqueeze(0);
        var resized = height == size && width == size
            ? pixels
            : nn.functional.interpolate(pixels, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.squeeze(0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// R1.3: an 8-bit grey mask (row-major) → a binary S × S mask written to <paramref name="target"/> (S² bytes,
    /// 0 or 1): nearest-neighbour resize, then value &gt; 127. (1-bit masks arrive here already expanded to 0/255
    /// by the decoder.) Done on the host: a few tensor calls per mask cost more than the resize itself.
    /// </summary>
    public static void Mask(ReadOnlySpan<byte> grey, int width, int height, int size, Span<byte> target)
    {
        if (grey.Length != width * height)
        {
            throw new ArgumentException($"a {width} × {height} mask has {width * height} pixels; got {grey.Length}", nameof(grey));
        }

        if (target.Length != size * size)
        {
            throw new ArgumentException($"an {size} × {size} mask needs {size * size} bytes; got {target.Length}", nameof(target));
        }

        var columns = new int[size];
        for (var x = 0; x < size; x++)
        {
            columns[x] = NearestSource(x, width, size);
        }

        for (var y = 0; y < size; y++)
        {
            var row = grey.Slice(NearestSource(y, height, size) * width, width);
            var line = target.Slice(y * size, size);
            for (var x = 0; x < size; x++)
            {
                line[x] = row[columns[x]] > 127 ? (byte)1 : (byte)0;
            }
        }
    }

    /// <summary>
    /// The source index of output index <paramref name="d"/> as LibTorch's "nearest" mode computes it:
    /// floor(d · (in / out)) in float32, at most in − 1.
    /// </summary>
    private static int NearestSource(int d, int input, int output)
    {
        var scale = (float)input / output;
        return Math.Min((int)MathF.Floor(d * scale), input - 1);
    }
}
