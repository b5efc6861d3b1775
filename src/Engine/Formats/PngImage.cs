using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Formats;

/// <summary>
/// PNG encoding with fixed settings and no metadata, so that the same pixels always give the same bytes
/// (the determinism contract of <c>dictionary build</c> and <c>dictionary synth</c>).
/// </summary>
public static class PngImage
{
    private static readonly PngEncoder GreyEncoder = Fixed(PngColorType.Grayscale);
    private static readonly PngEncoder RgbEncoder = Fixed(PngColorType.Rgb);

    /// <summary>8-bit grey PNG of row-major pixels (one byte each).</summary>
    public static byte[] EncodeGrey(ReadOnlySpan<byte> pixels, int width, int height)
    {
        CheckLength(pixels.Length, width, height, 1);
        using var image = Image.LoadPixelData<L8>(pixels, width, height);
        return Encode(image, GreyEncoder);
    }

    /// <summary>8-bit RGB PNG of row-major pixels (three bytes each, R, G, B).</summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> pixels, int width, int height)
    {
        CheckLength(pixels.Length, width, height, 3);
        using var image = Image.LoadPixelData<Rgb24>(pixels, width, height);
        return Encode(image, RgbEncoder);
    }

    private static byte[] Encode(Image image, PngEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    private static void CheckLength(int length, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0 || length != width * height * channels)
        {
            throw new ArgumentException($"{length} bytes do not make a {width}×{height} image with {channels} channel(s)");
        }
    }

    private static PngEncoder Fixed(PngColorType colorType) => new()
    {
        ColorType = colorType,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.BestSpeed,
        FilterMethod = PngFilterMethod.Adaptive,
        InterlaceMethod = PngInterlaceMode.None,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        IgnoreMetadata = true,
    };
}
