namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>The identity part of a face's shape; factors are about 1, offsets about 0 (face units).</summary>
internal sealed record ShapeTraits(
    double FaceWidth,
    double FaceLength,
    double JawWidth,
    double EyeSize,
    double EyeSpacing,
    double NoseLength,
    double NoseWidth,
    double MouthWidth,
    double LipThickness,
    double BrowHeight);
