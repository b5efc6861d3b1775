using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// The parametric 68-landmark face model applied to one <see cref="FaceParameters"/>: the mean shape, deformed
/// by identity traits, by each action unit and attribute the face shows, by age and by jitter, then posed
/// (yaw, roll, scale, shift) onto a square image. Landmarks are in the <see cref="Landmark"/> pixel convention.
/// </summary>
internal sealed class FaceGeometry
{
    /// <summary>Jaw width in pixels as a fraction of the image size, at scale 1.</summary>
    public const double Framing = 0.43;

    private readonly Point3[] model;
    private readonly double yawSin;
    private readonly double yawCos;
    private readonly double rollSin;
    private readonly double rollCos;
    private readonly Point2 centre;

    public FaceGeometry(FaceParameters face, int size)
    {
        model = [.. MeanFaceShape.Points];
        Shape(face);
        Age(face);
        Concepts(face);
        for (var i = 0; i < model.Length; i++)
        {
            model[i] = model[i] with { X = model[i].X + face.Jitter[2 * i], Y = model[i].Y + face.Jitter[(2 * i) + 1] };
        }

        (yawSin, yawCos) = Math.SinCos(face.Yaw);
        (rollSin, rollCos) = Math.SinCos(face.Roll);
        PixelsPerUnit = size * Framing * face.Scale;
        centre = new Point2(size * (0.5 + face.Shift.X), size * (0.54 + face.Shift.Y));
        Landmarks = model.Select(p => { var q = Project(p); return new Landmark(q.X, q.Y); }).ToArray();
    }

    /// <summary>The deformed model points, before the pose.</summary>
    public IReadOnlyList<Point3> Model => model;

    /// <summary>The 68 landmarks in pixels: the masks are drawn from these.</summary>
    public IReadOnlyList<Landmark> Landmarks { get; }

    public double PixelsPerUnit { get; }

    /// <summary>Model point → pixel: turn by yaw about the vertical axis (orthographic), roll, scale, shift.</summary>
    public Point2 Project(Point3 p)
    {
        var x = (p.X * yawCos) + (p.Z * yawSin);
        var rx = (x * rollCos) - (p.Y * rollSin);
        var ry = (x * rollSin) + (p.Y * rollCos);
        return new Point2(centre.X + (rx * PixelsPerUnit), centre.Y + (ry * PixelsPerUnit));
    }

    /// <summary>Projects a point on the model's surface given by x and y: z follows the rounded head.</summary>
    public Point2 Project(double x, double y) => Project(new Point3(x, y, MeanFaceShape.HeadDepth(x)));

    public Point2 Landmark2(int i) => new(Landmarks[i].X, Landmarks[i].Y);

    private void Shape(FaceParameters face)
    {
        var t = face.Shape;
        var eyeY = Mean(36, 47, p => p.Y);
        var chinY = model[8].Y;
        for (var i = 0; i < model.Length; i++)
        {
            var p = model[i];
            var x = p.X * t.FaceWidth;
            var y = p.Y * t.FaceLength;
            if (i <= 16)
            {
                // The jaw widens or narrows more the lower the point.
                var low = Math.Clamp((p.Y - eyeY) / (chinY - eyeY), 0, 1);
                x *= 1 + ((t.JawWidth - 1) * low);
            }

            model[i] = p with { X = x, Y = y };
        }

        ScaleAbout(36, 41, t.EyeSize, t.EyeSize);
        ScaleAbout(42, 47, t.EyeSize, t.EyeSize);
        Move(36, 41, -t.EyeSpacing, 0);
        Move(42, 47, t.EyeSpacing, 0);
        Move(17, 21, -t.EyeSpacing, -t.BrowHeight);
        Move(22, 26, t.EyeSpacing, -t.BrowHeight);

        var bridgeTop = model[27].Y;
        for (var i = 28; i <= 35; i++)
        {
            model[i] = model[i] with { Y = bridgeTop + ((model[i].Y - bridgeTop) * t.NoseLength) };
        }

        Move(48, 67, 0, model[33].Y - MeanFaceShape.Points[33].Y * t.FaceLength);
        for (var i = 31; i <= 35; i++)
        {
            model[i] = model[i] with { X = model[i].X * t.NoseWidth };
        }

        var mouthCentreY = Mean(48, 67, p => p.Y);
        for (var i = 48; i <= 67; i++)
        {
            var p = model[i];
            var lip = i < 60 ? t.LipThickness : 1;
            model[i] = p with { X = p.X * t.MouthWidth, Y = mouthCentreY + ((p.Y - mouthCentreY) * lip) };
        }
    }

    private void Age(FaceParameters face)
    {
        // A child's face is short under a large cranium; the eyes are large, the nose, mouth and chin small.
        var child = Childness(face.Age);
        if (child > 0)
        {
            var eyeY = Mean(36, 47, p => p.Y);
            for (var i = 0; i < model.Length; i++)
            {
                if (model[i].Y > eyeY)
                {
                    model[i] = model[i] with { Y = eyeY + ((model[i].Y - eyeY) * (1 - (0.16 * child))) };
                }
            }

            ScaleAbout(36, 41, 1 + (0.2 * child), 1 + (0.3 * child));
            ScaleAbout(42, 47, 1 + (0.2 * child), 1 + (0.3 * child));
            ScaleAbout(27, 35, 1 - (0.2 * child), 1 - (0.25 * child));
            ScaleAbout(48, 67, 1 - (0.15 * child), 1);
            for (var i = 4; i <= 12; i++)
            {
                model[i] = model[i] with { X = model[i].X * (1 + (0.06 * child)) };
            }
        }

        // Age sags the jaw line and lengthens the nose; lips thin.
        var old = Math.Clamp((face.Age - 40) / 40, 0, 1);
        if (old > 0)
        {
            Move(4, 12, 0, 0.02 * old);
            Move(30, 35, 0, 0.015 * old);
            var mouthY = Mean(60, 67, p => p.Y);
            for (var i = 48; i <= 59; i++)
            {
                model[i] = model[i] with { Y = mouthY + ((model[i].Y - mouthY) * (1 - (0.25 * old))) };
            }
        }
    }

    private void Concepts(FaceParameters face)
    {
        var c = face.Concepts;
        var k = face.Intensity;
        if (c.Contains("AU_1"))
        {
            Move([20, 21, 22, 23], 0, -0.045 * k);
            Move([19, 24], 0, -0.02 * k);
        }

        if (c.Contains("AU_2"))
        {
            Move([17, 18, 25, 26], 0, -0.05 * k);
            Move([19, 24], 0, -0.025 * k);
        }

        if (c.Contains("AU_4"))
        {
            Move(17, 26, 0, 0.03 * k);
            Outward([19, 20, 21, 22, 23, 24], -0.02 * k);
        }

        if (c.Contains("Arched_Eyebrows"))
        {
            Move([19, 24], 0, -0.035);
            Move([18, 25], 0, -0.015);
            Move([17, 26], 0, 0.015);
        }

        if (c.Contains("AU_5"))
        {
            Move([37, 38, 43, 44], 0, -0.02 * k);
        }

        if (c.Contains("Narrow_Eyes"))
        {
            Move([37, 38, 43, 44], 0, 0.014);
            Move([40, 41, 46, 47], 0, -0.006);
        }

        if (c.Contains("AU_6"))
        {
            Move([40, 41, 46, 47], 0, -0.012 * k);
        }

        if (c.Contains("AU_9"))
        {
            Move(31, 35, 0, -0.015 * k);
            Move(49, 53, 0, -0.012 * k);
            Move([21, 22], 0, 0.012 * k);
        }

        if (c.Contains("Big_Nose"))
        {
            for (var i = 31; i <= 35; i++)
            {
                model[i] = model[i] with { X = model[i].X * 1.35 };
            }

            Move([30, 32, 33, 34], 0, 0.02);
        }

        if (c.Contains("Pointy_Nose"))
        {
            Outward([31, 35], -0.02);
            Move([30], 0, 0.025);
            Move([33], 0, 0.012);
        }

        if (c.Contains("High_Cheekbones"))
        {
            Outward([1, 2, 14, 15], 0.025);
            Outward([4, 5, 11, 12], -0.02);
        }

        if (c.Contains("Big_Lips"))
        {
            Move(49, 53, 0, -0.018);
            Move(55, 59, 0, 0.022);
            Outward([48, 54], 0.015);
        }

        // Smiling is a strong AU 12: lip corners pulled up and back.
        if (c.Contains("AU_12"))
        {
            var s = c.Contains("Smiling") ? 1.3 * k : k;
            Move([48, 54, 60, 64], 0, -0.04 * s);
            Outward([48, 54, 60, 64], 0.025 * s);
            Move([49, 53, 61, 63, 55, 59], 0, -0.014 * s);
        }

        if (c.Contains("AU_15"))
        {
            Move([48, 54, 60, 64], 0, 0.035 * k);
            Move([55, 59], 0, 0.012 * k);
        }

        if (c.Contains("AU_20"))
        {
            Outward([48, 54, 60, 64], 0.045 * k);
            Outward([49, 53, 55, 59], 0.02 * k);
            Move(49, 53, 0, 0.008 * k);
            Move(55, 59, 0, -0.008 * k);
        }

        if (c.Contains("AU_17"))
        {
            Move(55, 59, 0, -0.015 * k);
            Move(65, 67, 0, -0.015 * k);
            Move(6, 10, 0, -0.012 * k);
        }

        // Lips part (AU 25; Mouth_Slightly_Open is a small AU 25); AU 26 drops the jaw as well.
        if (c.Contains("AU_25"))
        {
            var open = c.Contains("AU_26") ? 0.02 : c.Contains("Mouth_Slightly_Open") ? 0.025 : 0.035;
            Move(65, 67, 0, open * k);
            Move(55, 59, 0, open * k);
            Move(61, 63, 0, -0.005 * k);
        }

        if (c.Contains("AU_26"))
        {
            var top = model[62].Y;
            var chin = model[8].Y;
            var drop = 0.075 * k;
            Move(55, 59, 0, drop);
            Move(65, 67, 0, drop);
            for (var i = 2; i <= 14; i++)
            {
                model[i] = model[i] with { Y = model[i].Y + (drop * Math.Clamp((model[i].Y - top) / (chin - top), 0, 1)) };
            }
        }

        if (c.Contains("Double_Chin"))
        {
            Move(5, 11, 0, 0.025);
            Outward([5, 6, 10, 11], 0.015);
        }
    }

    /// <summary>0 from 18 years on, 1 at 6 years and below: how far a face has child proportions.</summary>
    public static double Childness(double age) => Math.Clamp((18 - age) / 12, 0, 1);

    private double Mean(int first, int last, Func<Point3, double> value) =>
        Enumerable.Range(first, last - first + 1).Average(i => value(model[i]));

    private void ScaleAbout(int first, int last, double sx, double sy)
    {
        var cx = Mean(first, last, p => p.X);
        var cy = Mean(first, last, p => p.Y);
        for (var i = first; i <= last; i++)
        {
            model[i] = model[i] with { X = cx + ((model[i].X - cx) * sx), Y = cy + ((model[i].Y - cy) * sy) };
        }
    }

    private void Move(int first, int last, double dx, double dy) => Move(Enumerable.Range(first, last - first + 1), dx, dy);

    private void Move(IEnumerable<int> points, double dx, double dy)
    {
        foreach (var i in points)
        {
            model[i] = model[i] with { X = model[i].X + dx, Y = model[i].Y + dy };
        }
    }

    /// <summary>Moves points away from the midline (towards it for a negative distance).</summary>
    private void Outward(IEnumerable<int> points, double distance)
    {
        foreach (var i in points)
        {
            model[i] = model[i] with { X = model[i].X + (Math.Sign(model[i].X) * distance) };
        }
    }
}
