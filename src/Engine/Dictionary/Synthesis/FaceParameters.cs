namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// Everything that decides one synthetic face: identity (gender, age, colours, proportions), pose, and the
/// local concepts it shows. The renderer draws exactly these concepts, so a local image's labels are
/// <see cref="Concepts"/> and nothing else.
/// </summary>
internal sealed record FaceParameters
{
    /// <summary>Standard local concept names (attributes, action units; parts are always present).</summary>
    public required IReadOnlySet<string> Concepts { get; init; }

    public required bool Male { get; init; }

    /// <summary>Age in years, 4 to 85; drives proportions (child), wrinkles, grey hair and sagging.</summary>
    public required double Age { get; init; }

    public required Rgb Skin { get; init; }

    public required Rgb Hair { get; init; }

    public required HairStyle HairStyle { get; init; }

    public required Rgb Iris { get; init; }

    public required Rgb Clothes { get; init; }

    public required Rgb LipTint { get; init; }

    public required Rgb GlassesFrame { get; init; }

    /// <summary>Turn about the vertical axis in radians (positive: the face turns to the image's right).</summary>
    public required double Yaw { get; init; }

    /// <summary>Tilt in the image plane in radians.</summary>
    public required double Roll { get; init; }

    /// <summary>Face size relative to the standard framing.</summary>
    public required double Scale { get; init; }

    /// <summary>Offset of the face from the image centre, as fractions of the image size.</summary>
    public required Point2 Shift { get; init; }

    /// <summary>Identity shape: face width, face length, jaw width, eye size, eye spacing, nose length, nose width,
    /// mouth width, lip thickness, brow height, as factors or offsets near 1 or 0.</summary>
    public required ShapeTraits Shape { get; init; }

    /// <summary>Small independent offsets of the 68 points (x, y pairs), in face units.</summary>
    public required IReadOnlyList<double> Jitter { get; init; }

    /// <summary>Strength of the action units and expressions, about 1.</summary>
    public required double Intensity { get; init; }

    /// <summary>Render in grey (the grayscale subgroup of colour_scheme).</summary>
    public required bool Grayscale { get; init; }

    /// <summary>Seeds the background clutter and textures.</summary>
    public required ulong SceneSeed { get; init; }
}
