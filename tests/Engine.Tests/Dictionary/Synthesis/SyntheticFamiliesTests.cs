using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Engine.Tests.Dictionary.Synthesis;

public sealed class SyntheticFamiliesTests
{
    [Fact]
    public void All_HasAgeGenderSkinToneAndColourScheme_ButNoEthnicity()
    {
        Assert.Equal(["age", "gender", "skin_tone", "color_scheme"], SyntheticFamilies.All.Select(f => f.Family));
        Assert.Equal(10, SyntheticFamilies.SubgroupCount);
    }

    [Fact]
    public void Split_GivesEachSubgroupItsShare_AndTheRemainderToTheFirst()
    {
        var counts = SyntheticFamilies.Split(23).GroupBy(p => p.Subgroup).Select(g => g.Count()).ToList();

        Assert.Equal([3, 3, 3, 2, 2, 2, 2, 2, 2, 2], counts);
    }

    [Fact]
    public void Split_NumbersImagesWithinEachSubgroupFromZero()
    {
        var male = SyntheticFamilies.Split(40).Where(p => p.Subgroup == "male").Select(p => p.Number);

        Assert.Equal([0, 1, 2, 3], male);
    }
}
