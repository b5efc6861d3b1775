namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>Catmull–Rom splines through landmark outlines, so that 6 eye points draw an almond, not a hexagon.</summary>
internal static class CatmullRom
{
    /// <summary>The curve through <paramref name="points"/> with <paramref name="steps"/> segments between neighbours.</summary>
    public static IReadOnlyList<Point2> Smooth(IReadOnlyList<Point2> points, bool closed, int steps = 4)
    {
        var n = points.Count;
        if (n < 3)
        {
            return points;
        }

        Point2 At(int i) => closed ? points[((i % n) + n) % n] : points[Math.Clamp(i, 0, n - 1)];
        var result = new List<Point2>();
        var segments = closed ? n : n - 1;
        for (var i = 0; i < segments; i++)
        {
            var p0 = At(i - 1);
            var p1 = At(i);
            var p2 = At(i + 1);
            var p3 = At(i + 2);
            for (var s = 0; s < steps; s++)
            {
                var t = (double)s / steps;
                var t2 = t * t;
                var t3 = t2 * t;
                result.Add(new Point2(
                    0.5 * ((2 * p1.X) + ((-p0.X + p2.X) * t) + (((2 * p0.X) - (5 * p1.X) + (4 * p2.X) - p3.X) * t2) + ((-p0.X + (3 * p1.X) - (3 * p2.X) + p3.X) * t3)),
                    0.5 * ((2 * p1.Y) + ((-p0.Y + p2.Y) * t) + (((2 * p0.Y) - (5 * p1.Y) + (4 * p2.Y) - p3.Y) * t2) + ((-p0.Y + (3 * p1.Y) - (3 * p2.Y) + p3.Y) * t3))));
            }
        }

        if (!closed)
        {
            result.Add(points[n - 1]);
        }

        return result;
    }
}
