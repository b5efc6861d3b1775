using HndGate.Engine.Reports.Pictures;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Tests.Reports.Pictures;

public sealed class ActivationOverlayTests
{
    [Fact]
    public void Png_KeepsActivePixels_OutlinesTheirNeighbours_AndDimsTheRest()
    {
        const int width = 5;
        const int height = 4;
        var rgb = Enumerable.Range(0, width * height * 3).Select(i => (byte)(17 + (i * 11))).ToArray();
        var active = new byte[width * height];
        active[(1 * width) + 1] = 1;
        active[(1 * width) + 2] = 1;

        using var image = Image.Load<Rgb24>(ActivationOverlay.Png(rgb, active, width, height));

        Assert.Equal((width, height), (image.Width, image.Height));
        // Neighbours of (1,1) and (2,1) by hand: (0,1), (3,1), (1,0), (2,0), (1,2), (2,2).
        (int X, int Y)[] outline = [(0, 1), (3, 1), (1, 0), (2, 0), (1, 2), (2, 2)];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = (y * width) + x;
                var pixel = image[x, y];
                if (active[p] != 0)
                {
                    Assert.Equal(new Rgb24(rgb[3 * p], rgb[(3 * p) + 1], rgb[(3 * p) + 2]), pixel);
                }
                else if (outline.Contains((x, y)))
                {
                    Assert.Equal(new Rgb24(255, 214, 0), pixel);
                }
                else
                {
                    // 35 % brightness, rounded to nearest.
                    Assert.Equal(new Rgb24(Dim(rgb[3 * p]), Dim(rgb[(3 * p) + 1]), Dim(rgb[(3 * p) + 2])), pixel);
                }
            }
        }
    }

    [Fact]
    public void Png_GivesTheSameBytes_ForTheSamePixels()
    {
        var rgb = Enumerable.Range(0, 8 * 8 * 3).Select(i => (byte)i).ToArray();
        var active = Enumerable.Range(0, 64).Select(i => (byte)(i % 3 == 0 ? 1 : 0)).ToArray();

        Assert.Equal(ActivationOverlay.Png(rgb, active, 8, 8), ActivationOverlay.Png(rgb, active, 8, 8));
    }

    [Fact]
    public void Png_RefusesPixelsOfAnotherSize()
    {
        Assert.Throws<ArgumentException>(() => ActivationOverlay.Png(new byte[3 * 4], new byte[3], 2, 2));
    }

    private static byte Dim(byte v) => (byte)Math.Round(v * 0.35m, MidpointRounding.AwayFromZero);
}
