using HndGate.Engine.Dissection;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

public sealed class LayerSummaryTests
{
    private static readonly GlobalFamilyLayout[] Families =
    [
        new("gender", 0.55, ["male", "female"], [1, 1]),
        new("age", 0.55, ["young", "old"], [1, 1]),
    ];

    // u0: eye, interpretable for A, biased male. u1: eye, interpretable for A and B, biased young.
    // u2: mouth, interpretable for nothing, biased female. u3: not localisable, biased towards nothing.
    private static readonly LayerSummary Summary = LayerSummary.Summarise(
        [
            Unit(0, "eye", [("A", true), ("B", false), ("C", false)], male: true, female: false, young: false),
            Unit(1, "eye", [("A", true), ("B", true), ("C", false)], male: false, female: false, young: true),
            Unit(2, "mouth", [("D", false)], male: false, female: true, young: false),
            Unit(3, null, [], male: false, female: false, young: false),
        ],
        StageFixtures.EyeAndMouth(Families));

    [Fact]
    public void Summarise_CountsCoverageOverInterpretableOrBiasedUnits()
    {
        Assert.Equal(4, Summary.Units);
        Assert.Equal(0.75, Summary.CoverageHnd);
        Assert.Equal(0.75, Summary.CoverageNetDissect);
        Assert.Equal(1, Summary.Unlocalisable);
    }

    [Fact]
    public void Summarise_GivesBiasedRatiosPerFamilyAndSubgroup()
    {
        Assert.Equal(
            [
                new FamilyBias("gender", 0.5, [new SubgroupBias("male", 0.25), new SubgroupBias("female", 0.25)]),
                new FamilyBias("age", 0.25, [new SubgroupBias("young", 0.25), new SubgroupBias("old", 0)]),
            ],
            Summary.BiasedRatio,
            FamilyBiasEquals);
    }

    [Fact]
    public void Summarise_CountsAUnitOncePerConceptRegionAndType()
    {
        Assert.Equal([new("A", 2), new("B", 1), new("C", 0), new("D", 0)], Summary.UnitsPerConcept);
        Assert.Equal([new("eye", 2), new("mouth", 0)], Summary.UnitsPerRegion);
        Assert.Equal([new("action_unit", 2), new("part", 1), new("attribute", 0)], Summary.UnitsPerType);
    }

    [Fact]
    public void Summarise_CrossTabulatesInterpretableConceptsWithBiasedSubgroups()
    {
        var nonZero = Summary.LocalGlobal.Where(x => x.Units > 0).ToArray();

        Assert.Equal(4 * 4, Summary.LocalGlobal.Count);
        Assert.Equal(
            ["A gender male", "A gender female", "A age young", "A age old", "B gender male"],
            Summary.LocalGlobal.Take(5).Select(x => $"{x.Concept} {x.Family} {x.Subgroup}"));
        Assert.Equal(
            [
                new LocalGlobalCount("A", "gender", "male", 1),
                new LocalGlobalCount("A", "age", "young", 1),
                new LocalGlobalCount("B", "age", "young", 1),
            ],
            nonZero);
    }

    private static bool FamilyBiasEquals(FamilyBias x, FamilyBias y) =>
        x.Family == y.Family && x.Ratio == y.Ratio && x.Subgroups.SequenceEqual(y.Subgroups);

    private static UnitRecord Unit(int unit, string? region, (string Concept, bool Interpretable)[] concepts, bool male, bool female, bool young) => new(
        unit,
        1,
        region is null ? "A" : concepts[0].Concept,
        region is null ? 0 : 0.5,
        region is not null,
        region,
        [.. concepts.Select(c => new ConceptProbability(c.Concept, c.Interpretable ? 0.9 : 0.05, c.Interpretable))],
        [
            new FamilyProbabilities("gender", [new SubgroupProbability("male", male ? 0.9 : 0.1, male), new SubgroupProbability("female", female ? 0.9 : 0.1, female)]),
            new FamilyProbabilities("age", [new SubgroupProbability("young", young ? 0.9 : 0.1, young), new SubgroupProbability("old", 0.1, false)]),
        ],
        []);
}
