namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// Renders the faces of a synthetic dictionary. Every image draws from its own generator, derived from the
/// seed, its set (local or global) and its index, so any image can be rendered alone, in any order.
/// </summary>
internal static class FaceSynthesizer
{
    private const ulong LocalStream = 1;
    private const ulong GlobalStream = 2;

    /// <summary>Local image <paramref name="index"/>: it shows concept index mod 30 of the optional concepts and more.</summary>
    public static SyntheticFace Local(long seed, int index, int size)
    {
        var rng = SplitMix64.For(seed, LocalStream, index);
        var forced = FaceParameterSampler.Optional[index % FaceParameterSampler.Optional.Count];
        return Render(FaceParameterSampler.Local(rng, forced), size);
    }

    /// <summary>Global image <paramref name="index"/> (its place in the whole global set), of the given subgroup.</summary>
    public static SyntheticFace Global(long seed, int index, string family, string subgroup, int size)
    {
        var rng = SplitMix64.For(seed, GlobalStream, index);
        return Render(FaceParameterSampler.Global(rng, family, subgroup), size);
    }

    private static SyntheticFace Render(FaceParameters face, int size)
    {
        var geometry = new FaceGeometry(face, size);
        return new SyntheticFace(FaceRenderer.Render(face, geometry, size), size, geometry.Landmarks, face);
    }
}
