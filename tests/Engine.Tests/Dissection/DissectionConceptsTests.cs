using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

public sealed class DissectionConceptsTests
{
    private static readonly Concept[] Concepts =
    [
        new("AU_1", ConceptType.ActionUnit, "eye"),
        new("nose", ConceptType.Part, "nose"),
        new("left_eye", ConceptType.Part, "eye"),
    ];

    [Fact]
    public void FromDictionary_ListsTheConceptsEachImageCarries_InDictionaryOrder()
    {
        var structure = DissectionConcepts.FromDictionary(Dictionary([["left_eye", "AU_1"], [], ["nose"]]));

        Assert.Equal([[0, 2], [], [1]], structure.LocalImageConcepts);
        Assert.Equal([1, 1, 1], structure.ImagesPerConcept);
        Assert.Equal(["eye", "nose"], structure.Regions);
    }

    [Fact]
    public void FromDictionary_LaysOutFamiliesWithTheirThresholds_AndAppliesOverrides()
    {
        var structure = DissectionConcepts.FromDictionary(
            Dictionary([["nose"]]),
            new Dictionary<string, double>(StringComparer.Ordinal) { ["age"] = 0.4 });

        Assert.Equal(["gender", "age", "scheme"], structure.Families.Select(f => f.Name));
        Assert.Equal([0.55, 0.4, 0.7], structure.Families.Select(f => f.Threshold));
        Assert.Equal([2, 1], structure.Families[0].SubgroupImages);
        Assert.Equal(3 + 4 + 2, structure.GlobalImages);
    }

    [Fact]
    public void FromDictionary_Throws_ForAMaskOfAnUnknownConcept()
    {
        var error = Assert.Throws<HndGateInputException>(() => DissectionConcepts.FromDictionary(Dictionary([["mouth"]])));

        Assert.Contains("'mouth'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDictionary_Throws_ForAThresholdOfAnUnknownFamily()
    {
        var error = Assert.Throws<HndGateInputException>(() => DissectionConcepts.FromDictionary(
            Dictionary([["nose"]]),
            new Dictionary<string, double>(StringComparer.Ordinal) { ["skin_tone"] = 0.5 }));

        Assert.Contains("'skin_tone'", error.Message, StringComparison.Ordinal);
    }

    private static FaceDictionary Dictionary(string[][] localMasks) => new(
        "/nowhere",
        DictionaryFormat.Manifest,
        Concepts,
        [.. localMasks.Select((masks, n) => new LocalImage($"local/{n}.png", [.. masks.Select(c => new ConceptMask(c, $"local/{n}/{c}.png"))]))],
        [
            new GlobalFamily("gender", null, [new Subgroup("male", ["g/m1.png", "g/m2.png"]), new Subgroup("female", ["g/f1.png"])]),
            new GlobalFamily("age", null, [new Subgroup("a", ["a/1.png"]), new Subgroup("b", ["b/1.png"]), new Subgroup("c", ["c/1.png"]), new Subgroup("d", ["d/1.png"])]),
            new GlobalFamily("scheme", 0.7, [new Subgroup("color", ["s/c.png"]), new Subgroup("grey", ["s/g.png"])]),
        ]);
}
