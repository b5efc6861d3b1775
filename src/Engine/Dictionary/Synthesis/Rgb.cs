namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>An sRGB colour with channels in [0, 1].</summary>
internal readonly record struct Rgb(double R, double G, double B)
{
    public static Rgb Lerp(Rgb a, Rgb b, double t) => new(a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));

    /// <summary>The colour scaled towards black (k &lt; 1) or brightened (k &gt; 1), clamped.</summary>
    public Rgb Scale(double k) => new(Math.Clamp(R * k, 0, 1), Math.Clamp(G * k, 0, 1), Math.Clamp(B * k, 0, 1));

    /// <summary>Rec. 601 luma, the grey of the grayscale colour scheme.</summary>
    public double Luma => (0.299 * R) + (0.587 * G) + (0.114 * B);
}
