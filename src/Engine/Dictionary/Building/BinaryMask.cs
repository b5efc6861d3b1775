using HndGate.Engine.Formats;

namespace HndGate.Engine.Dictionary.Building;

/// <summary>A concept mask: one bit per pixel, row-major, the size of its image.</summary>
public sealed class BinaryMask
{
    private readonly bool[] pixels;

    public BinaryMask(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        pixels = new bool[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public bool this[int x, int y] => pixels[(y * Width) + x];

    /// <summary>How many pixels are set.</summary>
    public int Area => pixels.Count(p => p);

    /// <summary>Sets every pixel whose centre lies inside <paramref name="ellipse"/> (the union grows).</summary>
    public void Add(ConfidenceEllipse ellipse)
    {
        var (halfWidth, halfHeight) = ellipse.BoundingHalfExtents();
        var x0 = Math.Max(0, (int)Math.Floor(ellipse.CentreX - halfWidth));
        var x1 = Math.Min(Width - 1, (int)Math.Ceiling(ellipse.CentreX + halfWidth));
        var y0 = Math.Max(0, (int)Math.Floor(ellipse.CentreY - halfHeight));
        var y1 = Math.Min(Height - 1, (int)Math.Ceiling(ellipse.CentreY + halfHeight));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (ellipse.Contains(x, y))
                {
                    pixels[(y * Width) + x] = true;
                }
            }
        }
    }

    /// <summary>The mask as an 8-bit grey PNG, 255 inside and 0 outside.</summary>
    public byte[] EncodePng()
    {
        var grey = new byte[pixels.Length];
        for (var i = 0; i < grey.Length; i++)
        {
            grey[i] = pixels[i] ? (byte)255 : (byte)0;
        }

        return PngImage.EncodeGrey(grey, Width, Height);
    }
}
