namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// A float RGB canvas with an anti-aliased rasteriser: each pixel's coverage is sampled on 4 sub-rows and
/// measured exactly along each sub-row (analytic span coverage), so edges are smooth at 64 px. Pixel (x, y)
/// covers [x − ½, x + ½] × [y − ½, y + ½]: its centre is at integer coordinates, as for landmarks.
/// </summary>
internal sealed class RasterCanvas
{
    private const int SubRows = 4;

    private readonly float[] red;
    private readonly float[] green;
    private readonly float[] blue;
    private readonly float[] cover;
    private readonly float[] clip;
    private readonly float[] row;
    private readonly double[] crossings = new double[256];

    public RasterCanvas(int width, int height)
    {
        Width = width;
        Height = height;
        red = new float[width * height];
        green = new float[width * height];
        blue = new float[width * height];
        cover = new float[width * height];
        clip = new float[width * height];
        row = new float[width];
    }

    public int Width { get; }

    public int Height { get; }

    public void Clear(Rgb colour)
    {
        Array.Fill(red, (float)colour.R);
        Array.Fill(green, (float)colour.G);
        Array.Fill(blue, (float)colour.B);
    }

    /// <summary>Paints <paramref name="shape"/> with <paramref name="colour"/> at opacity <paramref name="alpha"/>.</summary>
    /// <param name="clipTo">Paint only inside this shape (coverage multiplied).</param>
    /// <param name="grain">0: even paint; up to 1: opacity varies from pixel to pixel (stubble, hair).</param>
    /// <param name="grainSeed">Seeds the grain pattern.</param>
    public void Fill(Shape shape, Rgb colour, double alpha, Shape? clipTo = null, double grain = 0, ulong grainSeed = 0)
    {
        var box = Cover(shape, cover);
        if (box.IsEmpty)
        {
            return;
        }

        if (clipTo is not null)
        {
            var clipBox = Cover(clipTo, clip);
            for (var y = box.Y0; y <= box.Y1; y++)
            {
                for (var x = box.X0; x <= box.X1; x++)
                {
                    var i = (y * Width) + x;
                    cover[i] *= clipBox.Contains(x, y) ? clip[i] : 0;
                }
            }

            Erase(clip, clipBox);
        }

        for (var y = box.Y0; y <= box.Y1; y++)
        {
            for (var x = box.X0; x <= box.X1; x++)
            {
                var i = (y * Width) + x;
                var a = cover[i] * alpha;
                if (grain > 0)
                {
                    a *= 1 - (grain * ((SplitMix64.Mix(grainSeed ^ (ulong)i) >> 11) * (1.0 / (1UL << 53))));
                }

                Blend(i, colour, a);
            }
        }

        Erase(cover, box);
    }

    /// <summary>A soft spot: opacity <paramref name="alpha"/>·exp(−d²/2), d the distance in semi-axes.</summary>
    public void Glow(Point2 centre, double rx, double ry, double angle, Rgb colour, double alpha)
    {
        var (sin, cos) = Math.SinCos(angle);
        var reach = 3 * Math.Max(rx, ry);
        var x0 = Math.Max(0, (int)Math.Floor(centre.X - reach));
        var x1 = Math.Min(Width - 1, (int)Math.Ceiling(centre.X + reach));
        var y0 = Math.Max(0, (int)Math.Floor(centre.Y - reach));
        var y1 = Math.Min(Height - 1, (int)Math.Ceiling(centre.Y + reach));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var dx = x - centre.X;
                var dy = y - centre.Y;
                var u = ((dx * cos) + (dy * sin)) / rx;
                var v = ((-dx * sin) + (dy * cos)) / ry;
                var d2 = (u * u) + (v * v);
                if (d2 < 9)
                {
                    Blend((y * Width) + x, colour, alpha * Math.Exp(-d2 / 2));
                }
            }
        }
    }

    /// <summary>Replaces every pixel by its Rec. 601 grey.</summary>
    public void ToGrayscale()
    {
        for (var i = 0; i < red.Length; i++)
        {
            var grey = (0.299f * red[i]) + (0.587f * green[i]) + (0.114f * blue[i]);
            red[i] = green[i] = blue[i] = grey;
        }
    }

    /// <summary>Row-major R, G, B bytes, rounded and clamped.</summary>
    public byte[] ToRgbBytes()
    {
        var bytes = new byte[red.Length * 3];
        for (var i = 0; i < red.Length; i++)
        {
            bytes[3 * i] = ToByte(red[i]);
            bytes[(3 * i) + 1] = ToByte(green[i]);
            bytes[(3 * i) + 2] = ToByte(blue[i]);
        }

        return bytes;
    }

    private static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v * 255f), 0, 255);

    private void Blend(int i, Rgb colour, double a)
    {
        if (a <= 0)
        {
            return;
        }

        var k = (float)Math.Min(1, a);
        red[i] += k * ((float)colour.R - red[i]);
        green[i] += k * ((float)colour.G - green[i]);
        blue[i] += k * ((float)colour.B - blue[i]);
    }

    private void Erase(float[] buffer, Box box)
    {
        for (var y = box.Y0; y <= box.Y1; y++)
        {
            Array.Clear(buffer, (y * Width) + box.X0, box.Width);
        }
    }

    /// <summary>Writes the coverage of <paramref name="shape"/> into <paramref name="target"/> (union = max over pieces).</summary>
    private Box Cover(Shape shape, float[] target)
    {
        var all = Box.Empty;
        foreach (var piece in shape.Pieces)
        {
            var box = Bounds(piece);
            if (box.IsEmpty)
            {
                continue;
            }

            all = all.Union(box);
            for (var y = box.Y0; y <= box.Y1; y++)
            {
                Array.Clear(row, box.X0, box.X1 - box.X0 + 1);
                for (var s = 0; s < SubRows; s++)
                {
                    var sy = y - 0.5 + ((s + 0.5) / SubRows);
                    var n = Crossings(piece, sy);
                    for (var k = 0; k + 1 < n; k += 2)
                    {
                        AddSpan(crossings[k], crossings[k + 1], box);
                    }
                }

                for (var x = box.X0; x <= box.X1; x++)
                {
                    var i = (y * Width) + x;
                    target[i] = Math.Max(target[i], Math.Min(1f, row[x]));
                }
            }
        }

        return all;
    }

    private int Crossings(IReadOnlyList<IReadOnlyList<Point2>> contours, double sy)
    {
        var n = 0;
        foreach (var contour in contours)
        {
            for (var i = 0; i < contour.Count && n < crossings.Length; i++)
            {
                var a = contour[i];
                var b = contour[(i + 1) % contour.Count];
                if ((a.Y <= sy && sy < b.Y) || (b.Y <= sy && sy < a.Y))
                {
                    crossings[n++] = a.X + ((sy - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                }
            }
        }

        // Insertion sort: a handful of crossings per sub-row.
        for (var i = 1; i < n; i++)
        {
            var v = crossings[i];
            var j = i - 1;
            while (j >= 0 && crossings[j] > v)
            {
                crossings[j + 1] = crossings[j];
                j--;
            }

            crossings[j + 1] = v;
        }

        return n;
    }

    private void AddSpan(double left, double right, Box box)
    {
        var first = Math.Max(box.X0, (int)Math.Floor(left + 0.5));
        var last = Math.Min(box.X1, (int)Math.Floor(right + 0.5));
        for (var x = first; x <= last; x++)
        {
            var overlap = Math.Min(right, x + 0.5) - Math.Max(left, x - 0.5);
            if (overlap > 0)
            {
                row[x] += (float)(overlap / SubRows);
            }
        }
    }

    private Box Bounds(IReadOnlyList<IReadOnlyList<Point2>> contours)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var contour in contours)
        {
            foreach (var p in contour)
            {
                minX = Math.Min(minX, p.X);
                minY = Math.Min(minY, p.Y);
                maxX = Math.Max(maxX, p.X);
                maxY = Math.Max(maxY, p.Y);
            }
        }

        if (minX > maxX)
        {
            return Box.Empty;
        }

        var box = new Box(
            Math.Max(0, (int)Math.Floor(minX + 0.5)),
            Math.Max(0, (int)Math.Floor(minY + 0.5)),
            Math.Min(Width - 1, (int)Math.Floor(maxX + 0.5)),
            Math.Min(Height - 1, (int)Math.Floor(maxY + 0.5)));
        return box;
    }

    private readonly record struct Box(int X0, int Y0, int X1, int Y1)
    {
        public static Box Empty { get; } = new(0, 0, -1, -1);

        public bool IsEmpty => X1 < X0 || Y1 < Y0;

        public int Width => X1 - X0 + 1;

        public bool Contains(int x, int y) => x >= X0 && x <= X1 && y >= Y0 && y <= Y1;

        public Box Union(Box other) => IsEmpty ? other : other.IsEmpty ? this
            : new(Math.Min(X0, other.X0), Math.Min(Y0, other.Y0), Math.Max(X1, other.X1), Math.Max(Y1, other.Y1));
    }
}
