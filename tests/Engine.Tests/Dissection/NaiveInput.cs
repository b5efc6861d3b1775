using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;

namespace HndGate.Engine.Tests.Dissection;

/// <summary>What the naive reference reads: maps as [image][unit] h × w arrays, masks per local image.</summary>
/// <param name="Global">Global images, family after family, subgroup after subgroup.</param>
internal sealed record NaiveInput(
    float[][][,] Local,
    IReadOnlyList<(int Concept, bool[,] Mask)>[] Masks,
    float[][][,] Global,
    IReadOnlyList<Concept> Concepts,
    IReadOnlyList<GlobalFamilyLayout> Families,
    double Quantile,
    double IouThreshold,
    int TallySize,
    int TopImages,
    int Units,
    int Height,
    int Width);
