using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Imaging;

/// <summary>
/// Reads the image files of a dictionary safely: PNG, JPEG and BMP only (the codecs with open
/// advisories in ImageSharp 2.x are not registered), the header is read and checked against
/// <see cref="ImageLimits"/> before any pixel is decoded, a file cut short is refused, and the
/// allocator is capped. Every problem is an <see cref="HndGateInputException"/> naming the file.
/// </summary>
public sealed class ImageFileDecoder
{
    private const string Formats = "PNG, JPEG or BMP";

    private readonly Configuration configuration;

    public ImageFileDecoder(ImageLimits? limits = null)
    {
        Limits = limits ?? ImageLimits.Default;
        configuration = new Configuration(new PngConfigurationModule(), new JpegConfigurationModule(), new BmpConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                MaximumPoolSizeMegabytes = 64,
                AllocationLimitMegabytes = (int)Math.Min(int.MaxValue, (Limits.MaxPixels * 16) >> 20) + 1,
            }),
        };
    }

    public ImageLimits Limits { get; }

    /// <summary>Reads the header of <paramref name="path"/> only; <paramref name="displayName"/> names the file in messages.</summary>
    public ImageHeader Identify(string path, string displayName)
    {
        RequireFile(path, displayName);
        try
        {
            using var stream = File.OpenRead(path);
            return CheckedHeader(stream, displayName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HndGateInputException($"cannot read the image: {e.Message}", displayName, inner: e);
        }
    }

    /// <summary>
    /// Decodes <paramref name="path"/> to 8-bit RGB after checking its header and that the file is whole.
    /// The caller disposes the image.
    /// </summary>
    public Image<Rgb24> DecodeRgb(string path, string displayName)
    {
        var bytes = ReadWhole(path, displayName);
        var header = CheckedHeader(new MemoryStream(bytes, writable: false), displayName);
        if (ImageCompleteness.Problem(bytes, header.Format) is { } problem)
        {
            throw new HndGateInputException($"the {header.Format} image is not whole: {problem}", displayName);
        }

        try
        {
            return Image.Load<Rgb24>(configuration, new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException)
        {
            throw new HndGateInputException($"the {header.Format} image cannot be decoded: {e.Message}", displayName, inner: e);
        }
    }

    private ImageHeader CheckedHeader(Stream stream, string displayName)
    {
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(configuration, stream, out format);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException)
        {
            throw new HndGateInputException($"the image header is corrupt: {e.Message}", displayName, inner: e);
        }

        if (info is null || format is null)
        {
            throw new HndGateInputException($"the file is not a {Formats} image", displayName);
        }

        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new HndGateInputException($"the image header claims {info.Width}×{info.Height} pixels", displayName);
        }

        if (info.Width > Limits.MaxSide || info.Height > Limits.MaxSide || (long)info.Width * info.Height > Limits.MaxPixels)
        {
            throw new HndGateInputException(
                $"the image header claims {info.Width}×{info.Height} pixels, more than the limit of {Limits.MaxSide} pixels a side " +
                $"and {Limits.MaxPixels} pixels in all: resize it (probe images need no more than a few hundred pixels a side)",
                displayName);
        }

        return new ImageHeader(info.Width, info.Height, format.Name);
    }

    private byte[] ReadWhole(string path, string displayName)
    {
        RequireFile(path, displayName);
        try
        {
            var length = new FileInfo(path).Length;
            if (length > Limits.MaxFileBytes)
            {
                throw new HndGateInputException(
                    $"the image file has {length} bytes, more than the limit of {Limits.MaxFileBytes}", displayName);
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HndGateInputException($"cannot read the image: {e.Message}", displayName, inner: e);
        }
    }

    private static void RequireFile(string path, string displayName)
    {
        if (!File.Exists(path))
        {
            throw new HndGateInputException("the image file does not exist", displayName);
        }
    }
}
