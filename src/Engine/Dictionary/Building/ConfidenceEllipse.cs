namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// The 2-D Gaussian confidence ellipse of a set of landmarks (face-dictionary.md, "Building a dictionary from
/// landmarks"): centre = the mean of the points, axes along the eigenvectors of their covariance, semi-axis
/// = sqrt(χ²₂(p) · λ) with χ²₂(p) = −2 ln(1 − p), the quantile of the χ² distribution with 2 degrees of freedom.
/// </summary>
/// <param name="CentreX">Centre, pixel coordinates (<see cref="Landmark"/> convention).</param>
/// <param name="CentreY">Centre, pixel coordinates.</param>
/// <param name="SemiMajor">The longer semi-axis in pixels (never below the floor it was fitted with).</param>
/// <param name="SemiMinor">The shorter semi-axis in pixels (never below the floor it was fitted with).</param>
/// <param name="Angle">Direction of the major axis in radians, from +x towards +y (clockwise on screen), in (−π/2, π/2].</param>
public sealed record ConfidenceEllipse(double CentreX, double CentreY, double SemiMajor, double SemiMinor, double Angle)
{
    /// <summary>χ²₂(p): the squared Mahalanobis radius that holds probability p of a 2-D Gaussian.</summary>
    public static double ChiSquareQuantile2(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence level must lie strictly between 0 and 1");
        }

        return -2.0 * Math.Log(1.0 - confidence);
    }

    /// <summary>
    /// Fits the ellipse. The covariance is the population covariance (divided by n, not n − 1): the landmarks
    /// of a concept are all of its points, not a sample of them, and one point then has covariance 0 instead
    /// of being undefined. A semi-axis below <paramref name="minSemiAxis"/> pixels (one point, collinear
    /// points) is raised to it so that no mask is empty: a floor of at least √½ px always covers the pixel
    /// nearest the centre.
    /// </summary>
    public static ConfidenceEllipse Fit(IReadOnlyList<Landmark> points, double confidence, double minSemiAxis)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("a confidence ellipse needs at least one point", nameof(points));
        }

        if (!(minSemiAxis >= 0) || double.IsInfinity(minSemiAxis))
        {
            throw new ArgumentOutOfRangeException(nameof(minSemiAxis), minSemiAxis, "the minimum semi-axis must be a finite number ≥ 0");
        }

        var chi2 = ChiSquareQuantile2(confidence);
        var n = points.Count;
        double meanX = 0, meanY = 0;
        foreach (var p in points)
        {
            meanX += p.X;
            meanY += p.Y;
        }

        meanX /= n;
        meanY /= n;

        double sxx = 0, syy = 0, sxy = 0;
        foreach (var p in points)
        {
            var dx = p.X - meanX;
            var dy = p.Y - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }

        sxx /= n;
        syy /= n;
        sxy /= n;

        // Eigenvalues of the symmetric 2×2 matrix [[sxx, sxy], [sxy, syy]] in closed form.
        var half = (sxx + syy) / 2;
        var radius = Math.Sqrt((((sxx - syy) / 2) * ((sxx - syy) / 2)) + (sxy * sxy));
        var major = half + radius;
        var minor = Math.Max(0, half - radius);
        var angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        if (angle <= -Math.PI / 2)
        {
            angle += Math.PI;
        }

        return new ConfidenceEllipse(
            meanX,
            meanY,
            Math.Max(Math.Sqrt(chi2 * major), minSemiAxis),
            Math.Max(Math.Sqrt(chi2 * minor), minSemiAxis),
            angle);
    }

    /// <summary>Whether the point lies inside or on the ellipse.</summary>
    public bool Contains(double x, double y)
    {
        var dx = x - CentreX;
        var dy = y - CentreY;
        var (sin, cos) = Math.SinCos(Angle);
        var u = (dx * cos) + (dy * sin);
        var v = (-dx * sin) + (dy * cos);
        return ((u * u) / (SemiMajor * SemiMajor)) + ((v * v) / (SemiMinor * SemiMinor)) <= 1.0;
    }

    /// <summary>Half the width and half the height of the axis-aligned box around the ellipse.</summary>
    public (double HalfWidth, double HalfHeight) BoundingHalfExtents()
    {
        var (sin, cos) = Math.SinCos(Angle);
        var a2 = SemiMajor * SemiMajor;
        var b2 = SemiMinor * SemiMinor;
        return (Math.Sqrt((a2 * cos * cos) + (b2 * sin * sin)), Math.Sqrt((a2 * sin * sin) + (b2 * cos * cos)));
    }

    /// <summary>The binary mask of a <paramref name="width"/> × <paramref name="height"/> image: a pixel is in when its centre is.</summary>
    public BinaryMask Rasterise(int width, int height)
    {
        var mask = new BinaryMask(width, height);
        mask.Add(this);
        return mask;
    }
}
