using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Tests.Dictionary.Building;

public sealed class LabelTableTests
{
    private static readonly ConceptMap Map = ConceptMapReader.Standard;

    [Fact]
    public void Parse_ReadsSemicolonSeparatedConcepts_TrimmingSpacesAndEmptyItems()
    {
        var table = LabelTable.Parse("image,labels\na.png, Smiling ;AU_12;;\nb.png,\n", "labels.csv", Map);

        Assert.Equal(["AU_12", "Smiling"], table.Rows[0].Concepts.Order(StringComparer.Ordinal));
        Assert.Empty(table.Rows[1].Concepts);
        Assert.Equal((2, "a.png"), (table.Rows[0].Line, table.Rows[0].Image));
    }

    [Fact]
    public void Parse_ReadsACelebaTable_UsingMapConceptsAndIgnoringOtherCelebaColumns()
    {
        var table = LabelTable.Parse("image_id,Smiling,Male,Eyeglasses,Young\n000001.jpg,1,1,-1,1\n000002.jpg,-1,-1,1,0\n", "attr.csv", Map);

        Assert.Equal(["Smiling"], table.Rows[0].Concepts);
        Assert.Equal(["Eyeglasses"], table.Rows[1].Concepts);
    }

    [Fact]
    public void Parse_ReadsZeroAsAbsent_InACelebaTable()
    {
        var table = LabelTable.Parse("image_id,Smiling\n000001.jpg,0\n", "attr.csv", Map);

        Assert.Empty(table.Rows[0].Concepts);
    }

    [Fact]
    public void Parse_NamesBothLines_ForAnImageLabelledTwice()
    {
        var e = Assert.Throws<HndGateInputException>(() => LabelTable.Parse("image,labels\na.png,\nb.png,\na.png,Smiling\n", "labels.csv", Map));

        Assert.Equal(("labels.csv", 4), (e.File, e.Line));
        Assert.Contains("on line 2 already", e.Message);
    }

    [Fact]
    public void Parse_IsCaseSensitive_ForConceptNames()
    {
        var e = Assert.Throws<HndGateInputException>(() => LabelTable.Parse("image,labels\na.png,smiling\n", "labels.csv", Map));

        Assert.Equal(2, e.Line);
        Assert.Contains("case-sensitive", e.Message);
    }
}
