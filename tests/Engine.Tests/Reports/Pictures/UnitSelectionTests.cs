using HndGate.Engine.Dissection;
using HndGate.Engine.Reports.Pictures;
using HndGate.Engine.Results;

namespace HndGate.Engine.Tests.Reports.Pictures;

public sealed class UnitSelectionTests
{
    private static readonly TopImage[] Images = [new(0, 3.0), new(1, 2.0)];

    [Fact]
    public void Choose_PutsBiasedAndInterpretableUnitsFirst_ByLargestProbability_ThenTheMostLocalisable()
    {
        var layer = Layer(
            Unit(0, topIou: 0.3),
            Unit(1, gender: (0.6, true)),
            Unit(2, concept: (0.8, true)),
            Unit(3, topIou: 0.5),
            Unit(4, gender: (0.6, true)),
            Unit(5, topIou: 0.5),
            Unit(6, topIou: 0.9, concept: (0.7, true)));

        var chosen = UnitSelection.Choose(layer, 24);

        // Flagged by P descending (2: 0.8, 6: 0.7, 1 and 4 tie at 0.6 → index order), then IoU descending (3 and 5 tie).
        Assert.Equal([2, 6, 1, 4, 3, 5, 0], chosen.Select(u => u.Unit));
    }

    [Fact]
    public void Choose_KeepsAtMostTheCap_TakenInOrder()
    {
        var layer = Layer(Unit(0, topIou: 0.1), Unit(1, topIou: 0.4), Unit(2, gender: (0.7, true)), Unit(3, topIou: 0.2));

        Assert.Equal([2, 1], UnitSelection.Choose(layer, 2).Select(u => u.Unit));
        Assert.Empty(UnitSelection.Choose(layer, 0));
    }

    [Fact]
    public void Choose_RanksByTheProbabilityThatFlaggedTheUnit_NotByALargerUnflaggedOne()
    {
        // Unit 0 is biased at 0.56 and has an unflagged P_k of 0.9 (a region whose K_r makes 0.9 too small).
        var layer = Layer(Unit(0, gender: (0.56, true), concept: (0.9, false)), Unit(1, concept: (0.7, true)));

        Assert.Equal([1, 0], UnitSelection.Choose(layer, 24).Select(u => u.Unit));
    }

    [Fact]
    public void Choose_LeavesOutUnitsWithoutTopImages()
    {
        var layer = Layer(Unit(0, gender: (0.9, true)) with { TopImages = [] }, Unit(1, topIou: 0.1));

        Assert.Equal([1], UnitSelection.Choose(layer, 24).Select(u => u.Unit));
    }

    private static RecordedLayer Layer(params UnitRecord[] units) => new(
        "layer",
        2,
        2,
        1,
        new LayerSummary(units.Length, 0, 0, [], [], [], [], 0, []),
        units,
        units.Select(_ => (IReadOnlyList<double>)[]).ToList());

    private static UnitRecord Unit(int unit, double topIou = 0, (double P, bool Biased)? gender = null, (double P, bool Interpretable)? concept = null)
    {
        var (p, biased) = gender ?? (0.5, false);
        return new UnitRecord(
            unit,
            1.0,
            "eye_open",
            topIou,
            concept is not null,
            concept is not null ? "eye" : null,
            concept is { } c ? [new ConceptProbability("eye_open", c.P, c.Interpretable)] : [],
            [new FamilyProbabilities("gender", [new SubgroupProbability("female", p, biased), new SubgroupProbability("male", 1 - p, false)])],
            Images);
    }
}
