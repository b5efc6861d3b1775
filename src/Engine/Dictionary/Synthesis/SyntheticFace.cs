using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>One rendered face: row-major RGB bytes of a square image, its 68 landmarks and its parameters.</summary>
internal sealed record SyntheticFace(byte[] Rgb, int Size, IReadOnlyList<Landmark> Landmarks, FaceParameters Parameters);
