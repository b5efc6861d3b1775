using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Bootstrap;
using Xunit;

namespace HndGate.Engine.Tests.Dissection.Bootstrap;

public sealed class BootstrapStrataTests
{
    // Concept images: a 3 (n0, n1, n3), b 2 (n1, n2), c 2 (n3, n4); n5 carries nothing.
    private static readonly DissectionConcepts Structure = new(
        [new("a", ConceptType.Part, "eye"), new("b", ConceptType.Part, "eye"), new("c", ConceptType.Part, "mouth")],
        [[0], [0, 1], [1], [0, 2], [2], []],
        [
            new GlobalFamilyLayout("gender", 0.55, ["male", "female"], [3, 2]),
            new GlobalFamilyLayout("age", 0.3, ["young", "adult", "middle", "old"], [1, 0, 2, 1]),
        ]);

    [Fact]
    public void Of_PutsEachImageInItsRarestConceptsStratum_TiesToTheConceptListedFirst()
    {
        var strata = BootstrapStrata.Of(Structure);

        // n1 carries a (3) and b (2): b. n3 carries a (3) and c (2): c. b and c tie at 2 images but no image carries both.
        Assert.Equal([[0], [1, 2], [3, 4], [5]], strata.Local.Select(s => s.ToArray()));
        Assert.Equal([(0, 3), (3, 2), (5, 1), (6, 0), (6, 2), (8, 1)], strata.Subgroups);
    }

    [Fact]
    public void Of_BreaksATieOfRarity_ByDictionaryOrder()
    {
        var tie = new DissectionConcepts(
            [new("a", ConceptType.Part, "eye"), new("b", ConceptType.Part, "eye")],
            [[0, 1], [0, 1]],
            []);

        var strata = BootstrapStrata.Of(tie);

        Assert.Equal([[0, 1]], strata.Local.Select(s => s.ToArray()));
        Assert.Empty(strata.Subgroups);
    }

    [Fact]
    public void Draw_KeepsEveryStratumsAndSubgroupsSize_WithinItsOwnImages()
    {
        var strata = BootstrapStrata.Of(Structure);

        for (var b = 0; b < 50; b++)
        {
            var replicate = BootstrapReplicate.Draw(strata, seed: 9, b);

            foreach (var stratum in strata.Local)
            {
                Assert.Equal(stratum.Count, stratum.Sum(n => replicate.LocalCounts[n]));
            }

            var next = 0;
            foreach (var (first, count) in strata.Subgroups)
            {
                var rows = replicate.GlobalRows.Skip(next).Take(count).ToArray();
                Assert.All(rows, r => Assert.InRange(r, first, first + count - 1));
                Assert.Equal(rows.Order(), rows);
                next += count;
            }

            Assert.Equal(strata.GlobalImages, replicate.GlobalRows.Count);
        }
    }

    [Fact]
    public void Draw_IsTheSame_ForTheSameSeedAndIndex_AndDiffersOtherwise()
    {
        var strata = BootstrapStrata.Of(Structure);
        string Key(long seed, int b)
        {
            var r = BootstrapReplicate.Draw(strata, seed, b);
            return string.Join(",", r.LocalCounts) + "|" + string.Join(",", r.GlobalRows);
        }

        Assert.Equal(Key(5, 3), Key(5, 3));
        var others = Enumerable.Range(0, 20).Select(b => Key(5, b)).Concat(Enumerable.Range(6, 20).Select(s => Key(s, 3))).ToList();
        // With 6·2·3 + 3·2·2·1 choices most draws differ: far more than a handful of distinct replicates.
        Assert.True(others.Distinct().Count() > 20, $"{others.Distinct().Count()} distinct draws of 40");
    }

    [Fact]
    public void Whole_DrawsEveryImageOnce()
    {
        var whole = BootstrapReplicate.Whole(BootstrapStrata.Of(Structure));

        Assert.Equal([1, 1, 1, 1, 1, 1], whole.LocalCounts);
        Assert.Equal(Enumerable.Range(0, 9), whole.GlobalRows);
    }
}
