using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Engine.Tests.Dictionary.Synthesis;

public sealed class RasterCanvasTests
{
    private static readonly Rgb White = new(1, 1, 1);

    private static byte[] Paint(Shape shape, int size = 4)
    {
        var canvas = new RasterCanvas(size, size);
        canvas.Clear(new Rgb(0, 0, 0));
        canvas.Fill(shape, White, 1);
        return canvas.ToRgbBytes();
    }

    private static int Red(byte[] rgb, int x, int y, int size = 4) => rgb[3 * ((y * size) + x)];

    [Fact]
    public void Fill_PaintsAWholePixel_ForASquareOnItsBorders()
    {
        // Pixel (1, 1) covers [0.5, 1.5]²: its centre is at integer coordinates.
        var rgb = Paint(Shape.Polygon([new(0.5, 0.5), new(1.5, 0.5), new(1.5, 1.5), new(0.5, 1.5)]));

        Assert.Equal(255, Red(rgb, 1, 1));
        Assert.Equal(0, Red(rgb, 0, 1));
        Assert.Equal(0, Red(rgb, 2, 1));
        Assert.Equal(0, Red(rgb, 1, 2));
    }

    [Fact]
    public void Fill_BlendsByCoveredArea_ForAVerticalEdgeThroughAPixelCentre()
    {
        // x from 0.5 to 1.0 covers the left half of pixel (1, y): exactly 50 % grey.
        var rgb = Paint(Shape.Polygon([new(0.5, -0.5), new(1.0, -0.5), new(1.0, 3.5), new(0.5, 3.5)]));

        Assert.Equal(128, Red(rgb, 1, 2)); // round(0.5 · 255)
        Assert.Equal(0, Red(rgb, 0, 2));
    }

    [Fact]
    public void Fill_BlendsByCoveredSubRows_ForAHorizontalEdgeThroughAPixel()
    {
        // y from 0.5 to 1.0 holds 2 of the 4 sub-rows of row 1 (at 0.625 and 0.875): 50 %.
        var rgb = Paint(Shape.Polygon([new(-0.5, 0.5), new(3.5, 0.5), new(3.5, 1.0), new(-0.5, 1.0)]));

        Assert.Equal(128, Red(rgb, 2, 1));
    }

    [Fact]
    public void Fill_PaintsAStrokeOnce_WhereItsJointsOverlapItsSegments()
    {
        // A 2 px wide stroke along y = 1 at opacity 0.5: pixel (0, 1) lies under the segment and the round
        // cap at x = −1; painted twice it would be 0.75 (191), painted once it is 0.5 (128).
        var canvas = new RasterCanvas(4, 4);
        canvas.Clear(new Rgb(0, 0, 0));
        canvas.Fill(Shape.Stroke([new(-1, 1), new(4, 1)], 2), White, 0.5);
        var rgb = canvas.ToRgbBytes();

        Assert.Equal(128, Red(rgb, 0, 1));
        Assert.Equal(128, Red(rgb, 2, 1));
        Assert.Equal(0, Red(rgb, 2, 3));
    }

    [Fact]
    public void Fill_LeavesTheHole_ForARing()
    {
        var rgb = Paint(Shape.Ring(new Point2(10, 10), 8, 8, 0, 2), 21);

        Assert.Equal(0, Red(rgb, 10, 10, 21)); // centre: inside the hole
        Assert.Equal(255, Red(rgb, 18, 10, 21)); // on the band
        Assert.Equal(0, Red(rgb, 20, 10, 21)); // outside
    }

    [Fact]
    public void Fill_PaintsOnlyInsideTheClip()
    {
        var canvas = new RasterCanvas(4, 4);
        canvas.Clear(new Rgb(0, 0, 0));
        var everything = Shape.Polygon([new(-0.5, -0.5), new(3.5, -0.5), new(3.5, 3.5), new(-0.5, 3.5)]);
        var left = Shape.Polygon([new(-0.5, -0.5), new(1.5, -0.5), new(1.5, 3.5), new(-0.5, 3.5)]);
        canvas.Fill(everything, White, 1, clipTo: left);
        var rgb = canvas.ToRgbBytes();

        Assert.Equal(255, Red(rgb, 1, 3));
        Assert.Equal(0, Red(rgb, 2, 3));
    }

    [Fact]
    public void ToGrayscale_UsesRec601Luma()
    {
        var canvas = new RasterCanvas(1, 1);
        canvas.Clear(new Rgb(1, 0, 0));
        canvas.ToGrayscale();

        Assert.Equal(new byte[] { 76, 76, 76 }, canvas.ToRgbBytes()); // round(0.299 · 255) = 76
    }

    [Fact]
    public void Glow_IsStrongestAtItsCentre_AndFallsOffAsAGaussian()
    {
        var canvas = new RasterCanvas(9, 1);
        canvas.Clear(new Rgb(0, 0, 0));
        canvas.Glow(new Point2(4, 0), 2, 2, 0, White, 1);
        var rgb = canvas.ToRgbBytes();

        Assert.Equal(255, rgb[3 * 4]);
        Assert.Equal((int)Math.Round(255 * Math.Exp(-0.5)), rgb[3 * 6]); // two pixels = one semi-axis
    }
}
