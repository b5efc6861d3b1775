using System.Text.Json;
using HndGate.Engine.Dictionary;

namespace HndGate.Engine.Tests.Dictionary;

public sealed class DictionaryStatisticsTests
{
    // Four concepts in two regions; five entries (one photo listed twice); counts worked out by hand below.
    private static readonly FaceDictionary Sample = new(
        "/dict",
        DictionaryFormat.PublishedLayout,
        [
            new Concept("AU_1", ConceptType.ActionUnit, "eye"),
            new Concept("left_eye", ConceptType.Part, "eye"),
            new Concept("Smiling", ConceptType.Attribute, "mouth"),
            new Concept("mouth", ConceptType.Part, "mouth"),
        ],
        [
            Entry("a.png", "AU_1", "left_eye"),
            Entry("b.png", "left_eye"),
            Entry("c.png", "left_eye", "Smiling"),
            Entry("a.png", "Smiling"),
            Entry("d.png", "AU_1"),
        ],
        [new GlobalFamily("gender", null, [new Subgroup("male", ["m1", "m2", "m3"]), new Subgroup("female", ["f1"])])]);

    private readonly DictionaryStatistics statistics = DictionaryStatistics.Compute(Sample);

    [Fact]
    public void Compute_CountsEntriesDistinctPhotosMasksAndGlobalImages()
    {
        Assert.Equal("A", statistics.Format);
        Assert.Equal(5, statistics.LocalImages);
        Assert.Equal(4, statistics.LocalPhotos);
        Assert.Equal(7, statistics.Masks); // 2 + 1 + 2 + 1 + 1
        Assert.Equal(4, statistics.GlobalImages);
    }

    [Fact]
    public void Compute_CountsImagesPerConcept_InConceptOrder()
    {
        Assert.Equal(
            [("AU_1", 2), ("left_eye", 3), ("Smiling", 2), ("mouth", 0)],
            statistics.Concepts.Select(c => (c.Name, c.Images)));
        Assert.Equal(("attribute", "mouth"), (statistics.Concepts[2].Type, statistics.Concepts[2].Region));
    }

    [Fact]
    public void Compute_CountsPerRegion_AnEntryOncePerRegion()
    {
        // eye: entries a(AU_1,left_eye), b, c, d -> 4 images, 5 masks; mouth: c, a(2nd) -> 2 images, 2 masks.
        Assert.Equal(
            [new GroupCount("eye", 2, 4, 5), new GroupCount("mouth", 2, 2, 2)],
            statistics.Regions);
    }

    [Fact]
    public void Compute_CountsPerType_InTypeOrder()
    {
        Assert.Equal(
            [new GroupCount("action_unit", 1, 2, 2), new GroupCount("part", 2, 3, 3), new GroupCount("attribute", 1, 2, 2)],
            statistics.Types);
    }

    [Fact]
    public void Compute_CountsFamiliesAndSubgroups_WithTheR6Threshold()
    {
        var family = Assert.Single(statistics.Families);

        Assert.Equal(("gender", 0.55, 4), (family.Name, family.Threshold, family.Images));
        Assert.Equal([new SubgroupCount("male", 3), new SubgroupCount("female", 1)], family.Subgroups);
    }

    [Fact]
    public void Compute_SortsTheHistogramByCountDescending_TiesInConceptOrder_ScaledToTheWidth()
    {
        // left_eye 3 -> 40; AU_1 and Smiling 2 -> round(2*40/3) = 27; mouth 0 -> 0.
        Assert.Equal(
            [new HistogramBar("left_eye", 3, 40), new HistogramBar("AU_1", 2, 27), new HistogramBar("Smiling", 2, 27), new HistogramBar("mouth", 0, 0)],
            statistics.Histogram);
    }

    [Fact]
    public void Compute_GivesAConceptWithFewImages_AtLeastOneCharacter()
    {
        var entries = Enumerable.Range(0, 100).Select(i => Entry($"{i}.png", "AU_1")).Append(Entry("x.png", "mouth")).ToList();

        var bars = DictionaryStatistics.Compute(Sample with { Local = entries }).Histogram;

        Assert.Equal(1, bars.Single(b => b.Concept == "mouth").Length);
    }

    [Fact]
    public void ToJson_WritesSnakeCaseNames_ThatReadBack()
    {
        using var json = JsonDocument.Parse(statistics.ToJson());

        Assert.Equal(5, json.RootElement.GetProperty("local_images").GetInt32());
        Assert.Equal("left_eye", json.RootElement.GetProperty("histogram")[0].GetProperty("concept").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("families")[0].GetProperty("subgroups")[0].GetProperty("images").GetInt32());
    }

    private static LocalImage Entry(string image, params string[] concepts) =>
        new(image, concepts.Select(c => new ConceptMask(c, $"{image}.{c}.png")).ToList());
}
