namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// A region to paint, in pixels: the union of pieces, each piece a set of closed contours filled by the
/// even-odd rule (so a piece with two nested contours is a ring). Strokes are unions of segment quads and
/// round joints.
/// </summary>
internal sealed class Shape
{
    private Shape(IReadOnlyList<IReadOnlyList<IReadOnlyList<Point2>>> pieces) => Pieces = pieces;

    public IReadOnlyList<IReadOnlyList<IReadOnlyList<Point2>>> Pieces { get; }

    public static Shape Polygon(IReadOnlyList<Point2> points) => new([[points]]);

    /// <summary>One piece of several contours, filled even-odd (holes).</summary>
    public static Shape WithHoles(params IReadOnlyList<Point2>[] contours) => new([contours]);

    /// <summary>An ellipse with semi-axes <paramref name="rx"/>, <paramref name="ry"/> turned by <paramref name="angle"/> radians.</summary>
    public static Shape Ellipse(Point2 centre, double rx, double ry, double angle = 0) => Polygon(EllipsePoints(centre, rx, ry, angle));

    /// <summary>The band between an ellipse and the same ellipse shrunk by <paramref name="thickness"/>.</summary>
    public static Shape Ring(Point2 centre, double rx, double ry, double angle, double thickness) =>
        WithHoles(
            EllipsePoints(centre, rx + (thickness / 2), ry + (thickness / 2), angle),
            EllipsePoints(centre, Math.Max(0, rx - (thickness / 2)), Math.Max(0, ry - (thickness / 2)), angle));

    /// <summary>A polyline of the given width with round joints and caps.</summary>
    public static Shape Stroke(IReadOnlyList<Point2> points, double width) => Stroke(points, Enumerable.Repeat(width, points.Count).ToList());

    /// <summary>A polyline whose width varies from point to point (tapered brows, wrinkles).</summary>
    public static Shape Stroke(IReadOnlyList<Point2> points, IReadOnlyList<double> widths)
    {
        var pieces = new List<IReadOnlyList<IReadOnlyList<Point2>>>();
        for (var i = 0; i < points.Count; i++)
        {
            pieces.Add([EllipsePoints(points[i], widths[i] / 2, widths[i] / 2, 0)]);
            if (i + 1 < points.Count)
            {
                var a = points[i];
                var b = points[i + 1];
                var n = (b - a).Normal();
                pieces.Add([[a + (n * (widths[i] / 2)), b + (n * (widths[i + 1] / 2)), b - (n * (widths[i + 1] / 2)), a - (n * (widths[i] / 2))]]);
            }
        }

        return new Shape(pieces);
    }

    public static IReadOnlyList<Point2> EllipsePoints(Point2 centre, double rx, double ry, double angle)
    {
        // About one vertex per 1.5 px of circumference keeps the outline smooth at any size.
        var count = Math.Clamp((int)Math.Ceiling(2 * Math.PI * Math.Max(rx, ry) / 1.5), 10, 72);
        var (sin, cos) = Math.SinCos(angle);
        var points = new Point2[count];
        for (var i = 0; i < count; i++)
        {
            var t = 2 * Math.PI * i / count;
            var x = rx * Math.Cos(t);
            var y = ry * Math.Sin(t);
            points[i] = new Point2(centre.X + (x * cos) - (y * sin), centre.Y + (x * sin) + (y * cos));
        }

        return points;
    }
}
