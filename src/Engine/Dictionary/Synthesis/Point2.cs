namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>A point or vector in the plane (pixels on the canvas, units in the face model).</summary>
internal readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Point2 operator *(Point2 a, double k) => new(a.X * k, a.Y * k);

    public double Length => Math.Sqrt((X * X) + (Y * Y));

    /// <summary>The unit vector turned 90° (clockwise on screen), or zero for a zero vector.</summary>
    public Point2 Normal()
    {
        var length = Length;
        return length == 0 ? default : new Point2(-Y / length, X / length);
    }

    public static Point2 Lerp(Point2 a, Point2 b, double t) => a + ((b - a) * t);
}
