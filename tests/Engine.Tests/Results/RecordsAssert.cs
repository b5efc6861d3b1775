using HndGate.Engine.Dissection;
using HndGate.Engine.Results;
using Xunit;

namespace HndGate.Engine.Tests.Results;

/// <summary>
/// Compares results records field by field. Doubles agree when they are equal up to rounding to 6
/// significant digits: |read − written| ≤ 5e-6 · |written| (half a unit of the 6th digit, relative).
/// Top images are compared by path, since a read file indexes only the images it names.
/// </summary>
internal static class RecordsAssert
{
    public const double RelativeTolerance = 5e-6;

    public static void Equal(RecordedResults expected, RecordedResults actual)
    {
        var (f, g) = (expected.Fingerprint, actual.Fingerprint);
        Assert.Equal((f.ToolVersion, f.ModelHash, f.Model, f.DictionaryHash, f.Device), (g.ToolVersion, g.ModelHash, g.Model, g.DictionaryHash, g.Device));
        Assert.Equal(f.Options.OrderBy(o => o.Key, StringComparer.Ordinal), g.Options);

        var (s, t) = (expected.Settings, actual.Settings);
        Near(s.Quantile, t.Quantile);
        Near(s.IouThreshold, t.IouThreshold);
        Assert.Equal((s.TallySize, s.InputSize), (t.TallySize, t.InputSize));
        Assert.Equal(s.FamilyThresholds.Select(x => x.Key), t.FamilyThresholds.Select(x => x.Key));
        Pairwise(s.FamilyThresholds, t.FamilyThresholds, (x, y) => Near(x.Value, y.Value));

        Pairwise(expected.Layers, actual.Layers, (x, y) =>
        {
            Assert.Equal((x.Name, x.MapHeight, x.MapWidth, x.TopCount), (y.Name, y.MapHeight, y.MapWidth, y.TopCount));
            Summary(x.Summary, y.Summary);
            Pairwise(x.Units, y.Units, (u, v) => Unit(u, expected.LocalImages, v, actual.LocalImages));
            Pairwise(x.Iou, y.Iou, (u, v) => Pairwise(u, v, Near));
        });
    }

    private static void Summary(LayerSummary x, LayerSummary y)
    {
        Assert.Equal((x.Units, x.Unlocalisable), (y.Units, y.Unlocalisable));
        Near(x.CoverageHnd, y.CoverageHnd);
        Near(x.CoverageNetDissect, y.CoverageNetDissect);
        Pairwise(x.BiasedRatio, y.BiasedRatio, (a, b) =>
        {
            Assert.Equal(a.Family, b.Family);
            Near(a.Ratio, b.Ratio);
            Pairwise(a.Subgroups, b.Subgroups, (c, d) =>
            {
                Assert.Equal(c.Subgroup, d.Subgroup);
                Near(c.Ratio, d.Ratio);
            });
        });
        Assert.Equal(x.UnitsPerConcept, y.UnitsPerConcept);
        Assert.Equal(x.UnitsPerRegion, y.UnitsPerRegion);
        Assert.Equal(x.UnitsPerType, y.UnitsPerType);
        Assert.Equal(x.LocalGlobal, y.LocalGlobal);
    }

    private static void Unit(UnitRecord u, IReadOnlyList<string> uImages, UnitRecord v, IReadOnlyList<string> vImages)
    {
        Assert.Equal((u.Unit, u.TopConcept, u.Localisable, u.Region), (v.Unit, v.TopConcept, v.Localisable, v.Region));
        Near(u.Threshold, v.Threshold);
        Near(u.TopIou, v.TopIou);
        Pairwise(u.RegionConcepts, v.RegionConcepts, (a, b) =>
        {
            Assert.Equal((a.Concept, a.Interpretable), (b.Concept, b.Interpretable));
            Near(a.Probability, b.Probability);
        });
        Pairwise(u.Families, v.Families, (a, b) =>
        {
            Assert.Equal(a.Family, b.Family);
            Pairwise(a.Subgroups, b.Subgroups, (c, d) =>
            {
                Assert.Equal((c.Subgroup, c.Biased), (d.Subgroup, d.Biased));
                Near(c.Probability, d.Probability);
            });
        });
        Pairwise(u.TopImages, v.TopImages, (a, b) =>
        {
            Assert.Equal(uImages[a.LocalImage], vImages[b.LocalImage]);
            Near(a.Maximum, b.Maximum);
        });
    }

    private static void Near(double expected, double actual) =>
        Assert.True(
            Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected),
            $"{actual:R} is not {expected:R} rounded to 6 significant digits");

    private static void Pairwise<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, Action<T, T> assert)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            assert(expected[i], actual[i]);
        }
    }
}
