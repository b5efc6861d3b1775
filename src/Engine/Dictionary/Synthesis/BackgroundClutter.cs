namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// A busy background behind the face: a base colour, soft light, and random rectangles, discs, rings,
/// triangles and lines, so that models cannot find faces by a plain backdrop.
/// </summary>
internal static class BackgroundClutter
{
    public static void Paint(RasterCanvas canvas, SplitMix64 rng)
    {
        var size = canvas.Width;
        canvas.Clear(RandomColour(rng, 0.15, 0.85));
        canvas.Glow(new Point2(rng.Uniform(0, size), rng.Uniform(0, size)), size * 0.5, size * 0.4, rng.Uniform(0, Math.PI), RandomColour(rng, 0.2, 1), 0.5);

        var count = 4 + rng.Below(7);
        for (var i = 0; i < count; i++)
        {
            var centre = new Point2(rng.Uniform(-0.1, 1.1) * size, rng.Uniform(-0.1, 1.1) * size);
            var extent = rng.Uniform(0.05, 0.4) * size;
            var angle = rng.Uniform(0, Math.PI);
            var colour = RandomColour(rng, 0.05, 0.95);
            var alpha = rng.Uniform(0.4, 1);
            var shape = rng.Below(5) switch
            {
                0 => Rectangle(centre, extent, extent * rng.Uniform(0.2, 1), angle),
                1 => Shape.Ellipse(centre, extent, extent * rng.Uniform(0.4, 1), angle),
                2 => Shape.Ring(centre, extent, extent * rng.Uniform(0.5, 1), angle, Math.Max(1, extent * rng.Uniform(0.08, 0.3))),
                3 => Shape.Polygon([centre, centre + new Point2(extent, rng.Uniform(-1, 1) * extent), centre + new Point2(rng.Uniform(-1, 1) * extent, extent)]),
                _ => Shape.Stroke(
                    [centre, centre + new Point2(rng.Uniform(-2, 2) * extent, rng.Uniform(-2, 2) * extent), centre + new Point2(rng.Uniform(-2, 2) * extent, rng.Uniform(-2, 2) * extent)],
                    Math.Max(0.8, size * rng.Uniform(0.01, 0.05))),
            };
            canvas.Fill(shape, colour, alpha);
        }
    }

    private static Shape Rectangle(Point2 centre, double halfWidth, double halfHeight, double angle)
    {
        var (sin, cos) = Math.SinCos(angle);
        var u = new Point2(cos, sin);
        var v = new Point2(-sin, cos);
        return Shape.Polygon([
            centre + (u * halfWidth) + (v * halfHeight),
            centre - (u * halfWidth) + (v * halfHeight),
            centre - (u * halfWidth) - (v * halfHeight),
            centre + (u * halfWidth) - (v * halfHeight),
        ]);
    }

    private static Rgb RandomColour(SplitMix64 rng, double low, double high) =>
        new(rng.Uniform(low, high), rng.Uniform(low, high), rng.Uniform(low, high));
}
