using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using HndGate.Engine.Results;

namespace HndGate.Engine.Tests.Results;

/// <summary>Dissection results built by hand, for the writer and reader tests.</summary>
internal static class ResultsFixtures
{
    /// <summary>Dictionary order that is not alphabetical anywhere: regions mouth, eye; families gender, age.</summary>
    public static readonly IReadOnlyList<Concept> Concepts =
    [
        new("Smiling", ConceptType.Attribute, "mouth"),
        new("AU_12", ConceptType.ActionUnit, "mouth"),
        new("zeta_brow", ConceptType.Part, "eye"),
        new("AU_1", ConceptType.ActionUnit, "eye"),
    ];

    public static readonly IReadOnlyList<GlobalFamilyLayout> Families =
    [
        new("gender", 0.55, ["male", "female"], [1, 1]),
        new("age", 0.3, ["young", "adult", "middle", "old"], [1, 1, 1, 1]),
    ];

    public static readonly IReadOnlyList<string> LocalImages = ["AU/0/original.png", "AU/1/original.png", "parts/ü/original.png", "parts/3/original.png"];

    /// <summary>
    /// One layer of four units whose numbers need rounding: u0 mouth, interpretable for AU_12, biased male;
    /// u1 not localisable, threshold −0; u2 eye, interpretable for zeta_brow, biased young; u3 eye, nothing.
    /// </summary>
    public static DissectionResults Small() => Results(
        [
            Unit(0, 0.1234567, "AU_12", 1.0 / 3, "mouth", [("Smiling", 0.1234567, false), ("AU_12", 0.8765433, true)], [0.6666666666, 1 - 0.6666666666], [0.25, 0.25, 0.25, 0.25], [(2, 123456789.0), (0, 1e-7)]),
            Unit(1, -0.0, "zeta_brow", 0.01, null, [], [0.5, 0.5], [0.1, 0.2, 0.3, 0.4], []),
            Unit(2, -2.5e-5, "zeta_brow", 0.3000000000000001, "eye", [("zeta_brow", 0.9, true), ("AU_1", 0.1, false)], [0.5, 0.5], [0.7, 0.1, 0.1, 0.1], [(3, 0.1), (1, -1.5)]),
            Unit(3, 123456789.0, "AU_1", 0.05, "eye", [("zeta_brow", 0.5, false), ("AU_1", 0.5, false)], [0.2, 0.8], [0.3, 0.3, 0.2, 0.2], [(1, 2)]),
        ],
        topCount: 123456789);

    /// <summary>Results of one layer named "layer1.0.conv1" (7 × 7 maps) holding <paramref name="units"/>.</summary>
    public static DissectionResults Results(IReadOnlyList<UnitRecord> units, long topCount = 3)
    {
        var summary = LayerSummary.Summarise(units, new DissectionConcepts(Concepts, [], Families));
        var zeros = new long[units.Count * Concepts.Count];
        var layer = new DissectedLayer("layer1.0.conv1", 7, 7, new LayerResult(topCount, units, summary, new IouCounts(units.Count, Concepts.Count, LocalImages.Count, zeros, zeros)));
        return new DissectionResults(
            new DissectionFingerprint(
                "0.1.0",
                "sha256:0a1b",
                "resnet18",
                "sha256:2c3d",
                "cpu",
                [new("quantile", "0.005"), new("batch_size", "8"), new("device", "cpu")]),
            new DissectionSettings(0.005, 0.04, 112, 112, [new("gender", 0.55), new("age", 0.3)]),
            LocalImages,
            [layer]);
    }

    /// <summary>A unit of the fixture's concepts and families; flags follow R6 (P_s > θ_G) and R7 (P_k > 1.5 / K_r).</summary>
    public static UnitRecord Unit(
        int unit,
        double threshold,
        string topConcept,
        double topIou,
        string? region,
        (string Concept, double P, bool Interpretable)[] concepts,
        double[] gender,
        double[] age,
        (int Image, double Max)[] topImages) => new(
        unit,
        threshold,
        topConcept,
        topIou,
        region is not null,
        region,
        [.. concepts.Select(c => new ConceptProbability(c.Concept, c.P, c.Interpretable))],
        [Family(Families[0], gender), Family(Families[1], age)],
        [.. topImages.Select(t => new TopImage(t.Image, t.Max))]);

    private static FamilyProbabilities Family(GlobalFamilyLayout family, double[] p) =>
        new(family.Name, [.. family.Subgroups.Select((s, i) => new SubgroupProbability(s, p[i], p[i] > family.Threshold))]);
}
