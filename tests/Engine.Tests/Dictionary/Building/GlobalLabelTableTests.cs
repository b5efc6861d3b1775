using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Tests.Dictionary.Building;

public sealed class GlobalLabelTableTests
{
    [Fact]
    public void Parse_KeepsFamiliesAndSubgroupsInOrderOfFirstAppearance()
    {
        var table = GlobalLabelTable.Parse("image,family,subgroup\na,gender,female\nb,age,old\nc,gender,male\nd,age,young\ne,gender,female\n", "g.csv");

        Assert.Equal(["gender", "age"], table.Families.Select(f => f.Name));
        Assert.Equal(["female", "male"], table.Families[0].Subgroups.Select(s => s.Name));
        Assert.Equal(["a", "e"], table.Families[0].Subgroups[0].Images.Select(i => i.Image));
    }

    [Fact]
    public void Parse_NamesTheFamilysFirstLine_ForAFamilyWithOneSubgroup()
    {
        var e = Assert.Throws<HndGateInputException>(() => GlobalLabelTable.Parse("image,family,subgroup\na,gender,male\nb,age,old\nc,age,young\n", "g.csv"));

        Assert.Equal(("g.csv", 2), (e.File, e.Line));
        Assert.Contains("only one subgroup", e.Message);
    }

    [Fact]
    public void Parse_NamesTheLine_ForAnImageTwiceInOneFamily()
    {
        var e = Assert.Throws<HndGateInputException>(() => GlobalLabelTable.Parse("image,family,subgroup\na,gender,male\na,gender,female\n", "g.csv"));

        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Parse_NamesLine1_ForAWrongHeader()
    {
        var e = Assert.Throws<HndGateInputException>(() => GlobalLabelTable.Parse("image,group\na,male\n", "g.csv"));

        Assert.Equal(("g.csv", 1), (e.File, e.Line));
    }
}
