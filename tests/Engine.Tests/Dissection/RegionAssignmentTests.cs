using HndGate.Engine.Dissection;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

public sealed class RegionAssignmentTests
{
    [Fact]
    public void Assign_BreaksATieToTheConceptListedFirst()
    {
        // IoU: A 0.1, B 1/2, C 2/4 (equal to B), D 0.
        var counts = StageFixtures.Counts([(1, 10), (1, 2), (2, 4), (0, 7)]);

        var unit = RegionAssignment.Assign(counts, StageFixtures.EyeAndMouth(), 0.04).Single();

        Assert.Equal(new UnitRegion(1, 0.5, true, "eye"), unit);
    }

    [Fact]
    public void Assign_IsLocalisable_AtExactlyTau_AndNotBelow()
    {
        var counts = StageFixtures.Counts(
            [(0, 1), (0, 1), (0, 0), (1, 25)],
            [(0, 1), (0, 1), (0, 0), (1, 26)]);

        var units = RegionAssignment.Assign(counts, StageFixtures.EyeAndMouth(), 0.04);

        Assert.Equal(new UnitRegion(3, 0.04, true, "mouth"), units[0]);
        Assert.Equal(new UnitRegion(3, 1.0 / 26, false, null), units[1]);
    }

    [Fact]
    public void Assign_TakesTheFirstConceptAndIsNotLocalisable_WhenEveryIouIsZero()
    {
        // Concept C has no image: its union is 0 and its IoU 0.
        var counts = StageFixtures.Counts([(0, 3), (0, 5), (0, 0), (0, 2)]);

        var unit = RegionAssignment.Assign(counts, StageFixtures.EyeAndMouth(), 0.04).Single();

        Assert.Equal(new UnitRegion(0, 0, false, null), unit);
    }
}
