using HndGate.Engine.Formats;

namespace HndGate.Engine.Reports.Pictures;

/// <summary>
/// Draws a unit's active region B (R3) over an image, as the paper's Fig. 11 does: pixels of B keep their colour,
/// the others are dimmed, and the pixels just outside B that touch it (4-neighbours) mark its outline. B itself is
/// left untouched so that the bright pixels of the picture are exactly B.
/// </summary>
public static class ActivationOverlay
{
    /// <summary>Brightness kept outside B, in percent.</summary>
    public const int DimPercent = 35;

    /// <summary>The outline's colour (R, G, B).</summary>
    public static ReadOnlySpan<byte> OutlineColour => [255, 214, 0];

    /// <summary>
    /// The overlay as PNG bytes: <paramref name="rgb"/> is the image (row-major, 3 bytes a pixel),
    /// <paramref name="active"/> is B at the same size (one byte a pixel, nonzero where active).
    /// </summary>
    public static byte[] Png(ReadOnlySpan<byte> rgb, ReadOnlySpan<byte> active, int width, int height)
    {
        if (width < 1 || height < 1 || rgb.Length != width * height * 3 || active.Length != width * height)
        {
            throw new ArgumentException($"a {width}×{height} overlay needs {width * height * 3} colour bytes and {width * height} active flags; got {rgb.Length} and {active.Length}");
        }

        var pixels = new byte[rgb.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = (y * width) + x;
                var source = rgb.Slice(3 * p, 3);
                var target = pixels.AsSpan(3 * p, 3);
                if (active[p] != 0)
                {
                    source.CopyTo(target);
                }
                else if (Touches(active, x, y, width, height))
                {
                    OutlineColour.CopyTo(target);
                }
                else
                {
                    for (var c = 0; c < 3; c++)
                    {
                        target[c] = (byte)(((source[c] * DimPercent) + 50) / 100);
                    }
                }
            }
        }

        return PngImage.EncodeRgb(pixels, width, height);
    }

    /// <summary>Whether a 4-neighbour of (x, y) is active.</summary>
    private static bool Touches(ReadOnlySpan<byte> active, int x, int y, int width, int height) =>
        (x > 0 && active[(y * width) + x - 1] != 0)
        || (x < width - 1 && active[(y * width) + x + 1] != 0)
        || (y > 0 && active[((y - 1) * width) + x] != 0)
        || (y < height - 1 && active[((y + 1) * width) + x] != 0);
}
