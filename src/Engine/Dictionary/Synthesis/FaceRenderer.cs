namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// Draws one face from its parameters and posed geometry: clutter, clothes, hair, head, shading, cheeks,
/// facial hair, brows, eyes, nose, mouth, wrinkles, fringe and glasses, in that order (back to front).
/// Everything is placed from the landmarks or from model points posed with them, so what the masks outline
/// is what is drawn.
/// </summary>
internal sealed class FaceRenderer
{
    private static readonly Rgb Sclera = new(0.94, 0.93, 0.9);
    private static readonly Rgb Teeth = new(0.96, 0.94, 0.88);
    private static readonly Rgb MouthInside = new(0.28, 0.07, 0.08);

    private readonly FaceParameters face;
    private readonly FaceGeometry g;
    private readonly RasterCanvas canvas;
    private readonly SplitMix64 rng;
    private readonly double unit;
    private readonly double old;
    private readonly Rgb beard;

    private FaceRenderer(FaceParameters face, FaceGeometry geometry, RasterCanvas canvas)
    {
        this.face = face;
        g = geometry;
        this.canvas = canvas;
        rng = new SplitMix64(face.SceneSeed);
        unit = geometry.PixelsPerUnit;
        old = Math.Clamp((face.Age - 40) / 40, 0, 1);
        beard = face.Hair.Scale(0.85);
    }

    /// <summary>The face as row-major RGB bytes of a <paramref name="size"/> × <paramref name="size"/> image.</summary>
    public static byte[] Render(FaceParameters face, FaceGeometry geometry, int size)
    {
        var canvas = new RasterCanvas(size, size);
        new FaceRenderer(face, geometry, canvas).Draw();
        if (face.Grayscale)
        {
            canvas.ToGrayscale();
        }

        return canvas.ToRgbBytes();
    }

    private bool Has(string concept) => face.Concepts.Contains(concept);

    private Point2 P(int i) => g.Landmark2(i);

    private Point2 Mean(params int[] indices) => new(indices.Average(i => P(i).X), indices.Average(i => P(i).Y));

    private double Px(double units) => units * unit;

    /// <summary>A line width in pixels: never thinner than 0.6 px, so fine lines survive at 64 px.</summary>
    private double Line(double units) => Math.Max(0.6, Px(units));

    private IReadOnlyList<Point2> Pts(params int[] indices) => indices.Select(P).ToList();

    private void Draw()
    {
        BackgroundClutter.Paint(canvas, rng);
        Clothes();
        HairBehind();
        Neck();
        Ears();
        Head();
        Cheeks();
        Stubble();
        Brows();
        Eyes();
        Nose();
        Mouth();
        FacialHair();
        Wrinkles();
        HairFront();
        Glasses();
    }

    private double ChinY => g.Model[8].Y;

    private double TempleY => (g.Model[0].Y + g.Model[16].Y) / 2;

    private double HalfWidth => (g.Model[16].X - g.Model[0].X) / 2;

    private double CrownHeight => (MeanFaceShape.Points[8].Y - MeanFaceShape.Points[27].Y) * (0.72 + (0.22 * FaceGeometry.Childness(face.Age)));

    /// <summary>The top of the head, an upper half-ellipse over the temples, from the right temple to the left.</summary>
    private List<Point2> Crown(double grow, double growUp)
    {
        var points = new List<Point2>();
        for (var k = 0; k <= 16; k++)
        {
            var t = -Math.PI * k / 16;
            points.Add(g.Project(Math.Cos(t) * (HalfWidth + grow), TempleY + (Math.Sin(t) * (CrownHeight + growUp))));
        }

        return points;
    }

    private void Clothes()
    {
        var y = ChinY;
        var neckline = rng.Chance(0.5) ? 0.42 : 0.3;
        Point2 At(double x, double dy) => g.Project(new Point3(x, y + dy, -0.1));
        canvas.Fill(
            Shape.Polygon(CatmullRom.Smooth([At(-1.3, 0.7), At(-0.45, 0.32), At(-0.17, 0.3), At(0, neckline), At(0.17, 0.3), At(0.45, 0.32), At(1.3, 0.7), At(1.3, 2), At(-1.3, 2)], closed: true)),
            face.Clothes,
            1);
        canvas.Glow(At(0, 0.32), Px(0.25), Px(0.08), face.Roll, face.Clothes.Scale(0.6), 0.4);
    }

    private void HairBehind()
    {
        var bottom = face.HairStyle switch
        {
            HairStyle.Long => ChinY + 0.42,
            HairStyle.Bob => ChinY - 0.12,
            _ => TempleY + 0.05,
        };
        var side = face.HairStyle is HairStyle.Long or HairStyle.Bob ? 0.1 : 0.03;
        var points = Crown(0.06, 0.07);
        points.Add(g.Project(-HalfWidth - side, TempleY));
        points.Add(g.Project(new Point3(-HalfWidth - side - 0.02, bottom, 0)));
        points.Add(g.Project(new Point3(HalfWidth + side + 0.02, bottom, 0)));
        points.Insert(0, g.Project(HalfWidth + side, TempleY));
        canvas.Fill(Shape.Polygon(points), face.Hair.Scale(0.8), 1, grain: 0.25, grainSeed: face.SceneSeed);
    }

    private void Neck()
    {
        var y = ChinY;
        var w = HalfWidth * (face.Male ? 0.5 : 0.42);
        Point2 At(double x, double dy) => g.Project(new Point3(x, y + dy, 0));
        canvas.Fill(Shape.Polygon([At(-w, -0.25), At(w, -0.25), At(w * 1.1, 0.6), At(-w * 1.1, 0.6)]), face.Skin.Scale(0.88), 1);
        canvas.Glow(At(0, 0.02), Px(w * 1.2), Px(0.08), face.Roll, face.Skin.Scale(0.55), 0.6);
    }

    private void Ears()
    {
        foreach (var side in new[] { -1, 1 })
        {
            var centre = g.Project(new Point3(side * (HalfWidth + 0.015), (g.Model[side < 0 ? 1 : 15].Y + g.Model[side < 0 ? 2 : 14].Y) / 2, -0.02));
            canvas.Fill(Shape.Ellipse(centre, Px(0.055 * Math.Cos(face.Yaw)), Px(0.11), face.Roll), face.Skin.Scale(0.9), 1);
            canvas.Fill(Shape.Ellipse(centre, Px(0.025 * Math.Cos(face.Yaw)), Px(0.065), face.Roll), face.Skin.Scale(0.72), 0.6);
        }
    }

    private IReadOnlyList<Point2> HeadOutline()
    {
        var points = new List<Point2>(Pts(Enumerable.Range(0, 17).ToArray()));
        points.AddRange(Crown(0, 0).Skip(1).SkipLast(1));
        return CatmullRom.Smooth(points, closed: true, 3);
    }

    private void Head()
    {
        var head = Shape.Polygon(HeadOutline());
        canvas.Fill(head, face.Skin.Scale(0.86), 1);

        // Light from the front: brighter in the middle of the face, darker at its edges.
        var middle = Mean(29, 30, 31, 35, 1, 15);
        canvas.Glow(middle, Px(0.36), Px(0.5), face.Roll, face.Skin.Scale(1.04), 0.85);
        canvas.Glow(g.Project(0, TempleY - (0.6 * CrownHeight)), Px(0.28), Px(0.16), face.Roll, face.Skin.Scale(1.06), 0.5);

        if (Has("Double_Chin"))
        {
            var fold = Pts(5, 6, 7, 8, 9, 10, 11).Select((p, k) => p + new Point2(0, -Px(0.05 + (0.015 * Math.Sin(Math.PI * k / 6))))).ToList();
            canvas.Fill(Shape.Stroke(CatmullRom.Smooth(fold, closed: false), Line(0.022)), face.Skin.Scale(0.6), 0.65);
            canvas.Glow(Mean(7, 8, 9), Px(0.14), Px(0.03), face.Roll, face.Skin.Scale(0.8), 0.35);
        }
    }

    private void Cheeks()
    {
        var left = Mean(1, 2, 3, 31, 41, 48);
        var right = Mean(13, 14, 15, 35, 46, 54);
        if (Has("Rosy_Cheeks"))
        {
            foreach (var c in new[] { left, right })
            {
                canvas.Glow(c, Px(0.085), Px(0.06), face.Roll, new Rgb(0.92, 0.3, 0.35), 0.6);
            }
        }

        if (Has("High_Cheekbones"))
        {
            foreach (var (top, low, corner) in new[] { (Mean(1, 36, 41), P(3), P(48)), (Mean(15, 45, 46), P(13), P(54)) })
            {
                canvas.Glow(top + new Point2(0, Px(0.03)), Px(0.07), Px(0.04), face.Roll, face.Skin.Scale(1.25), 0.55);
                canvas.Fill(Shape.Stroke([Point2.Lerp(low, top, 0.3), Point2.Lerp(low, corner, 0.5)], Line(0.04)), face.Skin.Scale(0.65), 0.45);
            }
        }

        if (Has("AU_6"))
        {
            foreach (var (lid, jaw) in new[] { (Mean(40, 41), P(2)), (Mean(46, 47), P(14)) })
            {
                canvas.Glow(Point2.Lerp(lid, jaw, 0.3), Px(0.07), Px(0.045), face.Roll, face.Skin.Scale(1.2), 0.5);
            }
        }

        // Only when labelled: an attribute is drawn exactly on the faces that carry it.
        if (Has("Bags_Under_Eyes"))
        {
            const double strength = 0.55;
            foreach (var lid in new[] { Pts(36, 41, 40, 39), Pts(42, 47, 46, 45) })
            {
                var bag = lid.Select(p => p + new Point2(0, Px(0.028))).ToList();
                canvas.Fill(Shape.Stroke(CatmullRom.Smooth(bag, closed: false), Line(0.03)), Rgb.Lerp(face.Skin.Scale(0.6), new Rgb(0.4, 0.25, 0.35), 0.3), strength);
            }
        }
    }

    private void Stubble()
    {
        if (!Has("5_o_Clock_Shadow"))
        {
            return;
        }

        var area = new List<Point2>(Pts(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14));
        area.Add(Point2.Lerp(P(14), P(35), 0.5) + new Point2(0, Px(0.04)));
        area.Add(P(35) + new Point2(0, Px(0.015)));
        area.Add(P(33) + new Point2(0, Px(0.015)));
        area.Add(P(31) + new Point2(0, Px(0.015)));
        area.Add(Point2.Lerp(P(2), P(31), 0.5) + new Point2(0, Px(0.04)));
        canvas.Fill(Shape.Polygon(CatmullRom.Smooth(area, closed: true, 2)), Rgb.Lerp(face.Skin, new Rgb(0.18, 0.18, 0.22), 0.7), 0.55, grain: 0.7, grainSeed: face.SceneSeed ^ 0x5);
    }

    private void Brows()
    {
        var bushy = Has("Bushy_Eyebrows");
        var thickness = (face.Male ? 0.034 : 0.024) * (bushy ? 2.1 : 1) * (Has("Arched_Eyebrows") ? 0.85 : 1) * (1 - (0.3 * FaceGeometry.Childness(face.Age)));
        var colour = bushy ? beard.Scale(0.7) : beard;
        foreach (var brow in new[] { Pts(17, 18, 19, 20, 21), Pts(26, 25, 24, 23, 22) })
        {
            // Thickest near the nose, tapering outwards.
            var widths = new[] { 0.5, 0.75, 0.95, 1.0, 1.0 }.Select(w => Line(thickness * w)).ToList();
            var smooth = CatmullRom.Smooth(brow, closed: false, 3);
            var smoothWidths = smooth.Select((_, k) => widths[Math.Min(4, k / 3)]).ToList();
            canvas.Fill(Shape.Stroke(smooth, smoothWidths), colour, bushy ? 0.95 : 0.85, grain: bushy ? 0.3 : 0.15, grainSeed: face.SceneSeed ^ 0x7);
        }
    }

    private void Eyes()
    {
        var gaze = new Point2(Math.Sin(face.Yaw) * 0.1, 0);
        foreach (var indices in new[] { new[] { 36, 37, 38, 39, 40, 41 }, new[] { 42, 43, 44, 45, 46, 47 } })
        {
            var outline = CatmullRom.Smooth(Pts(indices), closed: true);
            var eye = Shape.Polygon(outline);
            var width = (P(indices[3]) - P(indices[0])).Length;
            var centre = Mean(indices) + (gaze * width);

            canvas.Glow(centre + new Point2(0, -width * 0.15), width * 0.55, width * 0.4, face.Roll, face.Skin.Scale(0.75), 0.35);
            canvas.Fill(eye, face.Age > 60 ? Sclera.Scale(0.92) : Sclera, 1);
            var iris = width * 0.23;
            canvas.Fill(Shape.Ellipse(centre, iris, iris), face.Iris, 1, clipTo: eye);
            canvas.Fill(Shape.Ellipse(centre, iris * 0.45, iris * 0.45), new Rgb(0.03, 0.03, 0.03), 1, clipTo: eye);
            canvas.Fill(Shape.Ellipse(centre + new Point2(-iris * 0.35, -iris * 0.35), iris * 0.2, iris * 0.2), new Rgb(1, 1, 1), 0.8, clipTo: eye);

            var upper = CatmullRom.Smooth(Pts(indices[0], indices[1], indices[2], indices[3]), closed: false);
            canvas.Fill(Shape.Stroke(upper, Math.Max(0.7, width * (face.Male ? 0.09 : 0.13))), new Rgb(0.1, 0.07, 0.06), 0.9);
            var lower = CatmullRom.Smooth(Pts(indices[3], indices[4], indices[5], indices[0]), closed: false);
            canvas.Fill(Shape.Stroke(lower, Math.Max(0.5, width * 0.05)), face.Skin.Scale(0.6), 0.5);
        }
    }

    private void Nose()
    {
        var shade = face.Skin.Scale(0.7);
        var farLeft = 0.3 + Math.Max(0, face.Yaw) * 1.2;
        var farRight = 0.3 + Math.Max(0, -face.Yaw) * 1.2;
        canvas.Fill(Shape.Stroke(CatmullRom.Smooth([Point2.Lerp(P(39), P(27), 0.6), Point2.Lerp(P(29), P(31), 0.45), P(31)], closed: false), Line(0.022)), shade, farLeft);
        canvas.Fill(Shape.Stroke(CatmullRom.Smooth([Point2.Lerp(P(42), P(27), 0.6), Point2.Lerp(P(29), P(35), 0.45), P(35)], closed: false), Line(0.022)), shade, farRight);

        canvas.Glow(P(30), Px(0.035), Px(0.045), face.Roll, face.Skin.Scale(1.15), 0.45);
        canvas.Glow(Point2.Lerp(P(33), P(51), 0.5), Px(0.06), Px(0.018), face.Roll, face.Skin.Scale(0.7), 0.35);

        // The base of the nose and the nostrils.
        canvas.Fill(Shape.Stroke(CatmullRom.Smooth(Pts(31, 32, 33, 34, 35), closed: false), Line(0.018)), face.Skin.Scale(0.62), 0.55);
        foreach (var (outer, inner) in new[] { (31, 32), (35, 34) })
        {
            canvas.Fill(Shape.Ellipse(Point2.Lerp(P(inner), P(outer), 0.35) + new Point2(0, -Px(0.006)), Px(0.024), Px(0.013), face.Roll), face.Skin.Scale(0.3), 0.85);
        }

        if (Has("Pointy_Nose"))
        {
            var tip = P(30) + new Point2(0, Px(0.035));
            canvas.Fill(Shape.Stroke([Point2.Lerp(P(31), P(30), 0.5), tip, Point2.Lerp(P(35), P(30), 0.5)], Line(0.016)), face.Skin.Scale(0.6), 0.5);
        }

        if (Has("Big_Nose"))
        {
            foreach (var ala in new[] { P(31), P(35) })
            {
                canvas.Fill(Shape.Ring(ala + new Point2(0, -Px(0.015)), Px(0.04), Px(0.035), face.Roll, Line(0.012)), face.Skin.Scale(0.65), 0.5);
            }
        }
    }

    private void Mouth()
    {
        var lips = Shape.Polygon(CatmullRom.Smooth(Pts(48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59), closed: true));
        var upper = Shape.Polygon(CatmullRom.Smooth(Pts(48, 49, 50, 51, 52, 53, 54, 64, 63, 62, 61, 60), closed: true));
        var lip = face.LipTint;
        canvas.Fill(lips, lip, 1);
        canvas.Fill(upper, lip.Scale(0.82), 1);

        var gap = (P(66) - P(62)).Length;
        if (gap > Px(0.012))
        {
            var inner = Shape.Polygon(CatmullRom.Smooth(Pts(60, 61, 62, 63, 64, 65, 66, 67), closed: true));
            canvas.Fill(inner, MouthInside, 1);
            var top = Pts(60, 61, 62, 63, 64);
            var teeth = top.Concat(top.AsEnumerable().Reverse().Select(p => p + new Point2(0, Math.Min(gap * 0.45, Px(0.05))))).ToList();
            canvas.Fill(Shape.Polygon(teeth), Teeth, 0.95, clipTo: inner);
        }
        else
        {
            canvas.Fill(Shape.Stroke(CatmullRom.Smooth(Pts(48, 60, 61, 62, 63, 64, 54), closed: false), Line(0.014)), lip.Scale(0.4), 0.85);
        }

        canvas.Glow(Point2.Lerp(P(57), P(66), 0.5), Px(0.04), Px(0.012), face.Roll, new Rgb(1, 1, 1), Has("Wearing_Lipstick") ? 0.35 : 0.15);
    }

    private void FacialHair()
    {
        if (Has("Mustache"))
        {
            var points = new List<Point2>
            {
                P(48) + new Point2(-Px(0.01), Px(0.012)),
                Point2.Lerp(P(49), P(31), 0.55),
                Point2.Lerp(P(50), P(32), 0.75),
                P(33) + new Point2(0, Px(0.012)),
                Point2.Lerp(P(52), P(34), 0.75),
                Point2.Lerp(P(53), P(35), 0.55),
                P(54) + new Point2(Px(0.01), Px(0.012)),
            };
            points.AddRange(Pts(53, 52, 51, 50, 49).Select(p => p + new Point2(0, Px(0.006))));
            canvas.Fill(Shape.Polygon(CatmullRom.Smooth(points, closed: true, 2)), beard, 0.95, grain: 0.3, grainSeed: face.SceneSeed ^ 0x9);
        }

        if (Has("Goatee"))
        {
            var points = new List<Point2>(Pts(59, 58, 57, 56, 55).Select(p => p + new Point2(0, Px(0.004))));
            points.Add(Point2.Lerp(P(55), P(10), 0.55));
            points.Add(P(9) + new Point2(0, Px(0.01)));
            points.Add(P(8) + new Point2(0, Px(0.015)));
            points.Add(P(7) + new Point2(0, Px(0.01)));
            points.Add(Point2.Lerp(P(59), P(6), 0.55));
            canvas.Fill(Shape.Polygon(CatmullRom.Smooth(points, closed: true, 2)), beard, 0.95, grain: 0.3, grainSeed: face.SceneSeed ^ 0xB);
        }
    }

    private void Wrinkles()
    {
        var crease = face.Skin.Scale(0.62);
        var browY = (g.Model[19].Y + g.Model[24].Y) / 2;

        // Forehead lines: with age, and in the middle (AU 1) or across (AU 2) when the brows go up.
        var forehead = Math.Max(old * 0.7, Has("AU_1") || Has("AU_2") ? 0.6 : 0);
        if (forehead > 0)
        {
            var reach = Has("AU_2") || old > 0.3 ? 0.24 : 0.13;
            for (var k = 1; k <= 3; k++)
            {
                var y = browY - (0.055 * k);
                var line = Enumerable.Range(0, 7).Select(j => g.Project(-reach + (2 * reach * j / 6), y - (0.012 * Math.Sin(Math.PI * j / 6)))).ToList();
                canvas.Fill(Shape.Stroke(line, Line(0.011)), crease, forehead * (1 - (0.2 * k)));
            }
        }

        if (Has("AU_4"))
        {
            foreach (var (a, b) in new[] { (21, 22), (22, 21) })
            {
                var top = Point2.Lerp(P(a), P(b), 0.3);
                canvas.Fill(Shape.Stroke([top, top + new Point2(0, Px(0.06))], Line(0.012)), crease, 0.7);
            }
        }

        if (Has("AU_9"))
        {
            for (var k = 0; k < 2; k++)
            {
                var y = Point2.Lerp(P(27), P(28), 0.4 + (0.6 * k));
                canvas.Fill(Shape.Stroke([y + new Point2(-Px(0.04), 0), y + new Point2(0, -Px(0.008)), y + new Point2(Px(0.04), 0)], Line(0.011)), crease, 0.7);
            }
        }

        // Crow's feet: with age, and when the cheeks raise (AU 6).
        var crow = Math.Max(old * 0.6, Has("AU_6") ? 0.65 : 0);
        if (crow > 0)
        {
            foreach (var (corner, sign) in new[] { (P(36), -1.0), (P(45), 1.0) })
            {
                foreach (var dy in new[] { -0.025, 0.0, 0.025 })
                {
                    canvas.Fill(Shape.Stroke([corner + new Point2(sign * Px(0.025), Px(dy * 0.4)), corner + new Point2(sign * Px(0.07), Px(dy * 1.4))], Line(0.01)), crease, crow);
                }
            }
        }

        // Nasolabial folds, deeper with age and a smile.
        var fold = (face.Age < 25 ? 0 : 0.2) + (0.4 * old) + (Has("AU_12") ? 0.3 : 0);
        foreach (var (wing, corner, sign) in new[] { (P(31), P(48), -1.0), (P(35), P(54), 1.0) })
        {
            var start = wing + new Point2(sign * Px(0.025), -Px(0.01));
            var end = corner + new Point2(sign * Px(0.035), Px(0.015));
            var bend = Point2.Lerp(start, end, 0.5) + new Point2(sign * Px(0.025), 0);
            canvas.Fill(Shape.Stroke(CatmullRom.Smooth([start, bend, end], closed: false), Line(0.014)), crease, Math.Min(0.8, fold));
        }

        if (old > 0.4 || Has("AU_15"))
        {
            foreach (var (corner, sign) in new[] { (P(48), -1.0), (P(54), 1.0) })
            {
                canvas.Fill(Shape.Stroke([corner + new Point2(sign * Px(0.005), Px(0.01)), corner + new Point2(sign * Px(0.02), Px(0.07))], Line(0.012)), crease, Has("AU_15") ? 0.6 : old * 0.5);
            }
        }

        if (Has("AU_20"))
        {
            foreach (var (corner, sign) in new[] { (P(48), -1.0), (P(54), 1.0) })
            {
                canvas.Fill(Shape.Stroke([corner + new Point2(sign * Px(0.012), 0), corner + new Point2(sign * Px(0.05), Px(0.012))], Line(0.012)), crease, 0.55);
            }
        }

        if (Has("AU_17"))
        {
            var under = Pts(58, 57, 56).Select(p => p + new Point2(0, Px(0.03))).ToList();
            canvas.Fill(Shape.Stroke(CatmullRom.Smooth(under, closed: false), Line(0.016)), crease, 0.55);
            canvas.Glow(Mean(7, 8, 9) + new Point2(0, -Px(0.04)), Px(0.05), Px(0.03), face.Roll, face.Skin.Scale(1.15), 0.4);
        }
    }

    private void HairFront()
    {
        var hairline = face.HairStyle switch
        {
            HairStyle.Receding => 0.42,
            HairStyle.Short => 0.24 + (0.05 * rng.NextDouble()),
            _ => 0.13 + (0.1 * rng.NextDouble()),
        };
        var browY = Math.Min(g.Model[19].Y, g.Model[24].Y);
        var part = rng.Uniform(-0.15, 0.15);
        var points = Crown(0.04, 0.06);
        var line = new List<Point2>();
        for (var k = 0; k <= 8; k++)
        {
            var x = -HalfWidth + (2 * HalfWidth * k / 8);
            var dip = Math.Abs(x - (part * HalfWidth)) / HalfWidth;
            var y = face.HairStyle == HairStyle.Receding
                ? browY - hairline + (0.1 * Math.Cos(Math.PI * x / HalfWidth) * Math.Cos(Math.PI * x / HalfWidth))
                : browY - hairline - (0.06 * (1 - dip)) + (0.12 * dip * dip);
            line.Add(g.Project(x * 0.97, Math.Min(y, TempleY - 0.02)));
        }

        points.AddRange(line);
        var colour = face.Hair;
        canvas.Fill(Shape.Polygon(CatmullRom.Smooth(points, closed: true, 2)), colour, 1, grain: 0.25, grainSeed: face.SceneSeed ^ 0xD);

        if (face.HairStyle == HairStyle.Long)
        {
            foreach (var side in new[] { -1.0, 1.0 })
            {
                var strand = new List<Point2>
                {
                    g.Project(side * (HalfWidth + 0.04), TempleY - 0.1),
                    g.Project(side * (HalfWidth - 0.05), TempleY - 0.02),
                    g.Project(new Point3(side * (HalfWidth - 0.02), ChinY - 0.15, 0.1)),
                    g.Project(new Point3(side * (HalfWidth + 0.06), ChinY + 0.4, 0)),
                    g.Project(new Point3(side * (HalfWidth + 0.16), ChinY + 0.4, 0)),
                    g.Project(new Point3(side * (HalfWidth + 0.1), TempleY, 0)),
                };
                canvas.Fill(Shape.Polygon(CatmullRom.Smooth(strand, closed: true, 3)), colour, 1, grain: 0.25, grainSeed: face.SceneSeed ^ 0xF);
            }
        }

        // A few strands give the hair direction.
        for (var k = 0; k < 5; k++)
        {
            var x = rng.Uniform(-0.8, 0.8) * HalfWidth;
            var top = g.Project(x * 0.5, TempleY - CrownHeight + 0.03);
            var end = g.Project(x, browY - hairline - 0.02);
            canvas.Fill(Shape.Stroke([top, Point2.Lerp(top, end, 0.5) + new Point2(Px(0.02), 0), end], Line(0.008)), colour.Scale(rng.Chance(0.5) ? 0.7 : 1.3), 0.5);
        }
    }

    private void Glasses()
    {
        if (!Has("Eyeglasses"))
        {
            return;
        }

        var sun = (face.SceneSeed & 0xF) < 3;
        var left = Mean(36, 37, 38, 39, 40, 41);
        var right = Mean(42, 43, 44, 45, 46, 47);
        var axis = right - left;
        var angle = Math.Atan2(axis.Y, axis.X);
        var rx = axis.Length * 0.42;
        var ry = rx * 0.72;
        var frame = Line(0.022);
        foreach (var c in new[] { left, right })
        {
            canvas.Fill(Shape.Ellipse(c, rx, ry, angle), sun ? new Rgb(0.06, 0.06, 0.08) : new Rgb(0.85, 0.92, 1), sun ? 0.88 : 0.18);
            canvas.Fill(Shape.Ring(c, rx, ry, angle, frame), face.GlassesFrame, 1);
        }

        var unitAxis = axis * (1 / axis.Length);
        canvas.Fill(Shape.Stroke([left + (unitAxis * rx) - new Point2(0, ry * 0.2), right - (unitAxis * rx) - new Point2(0, ry * 0.2)], frame), face.GlassesFrame, 1);
        canvas.Fill(Shape.Stroke([left - (unitAxis * rx), Point2.Lerp(P(0), P(1), 0.3)], frame), face.GlassesFrame, 1);
        canvas.Fill(Shape.Stroke([right + (unitAxis * rx), Point2.Lerp(P(16), P(15), 0.3)], frame), face.GlassesFrame, 1);
    }
}
