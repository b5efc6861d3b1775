using HndGate.Engine.Formats;

namespace HndGate.Engine.Tests.Formats;

public sealed class CsvTableTests
{
    [Fact]
    public void Parse_NamesLine1_OfAWrongRequiredHeader_BeforeCountingFields()
    {
        // Without the required header, the first row would be reported for having 2 fields to the header's 1.
        var e = Assert.Throws<HndGateInputException>(() => CsvTable.Parse("image;labels\na.png,b.png\n", "x.csv", ["image", "labels"]));

        Assert.Equal(("x.csv", 1), (e.File, e.Line));
        Assert.Contains("expected 'image,labels'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeepsTheLineOfEachRow_AcrossQuotedNewlines()
    {
        var table = CsvTable.Parse("image,labels\n\"a\nb.png\",x\n\nc.png,\"y,z\"\n", "x.csv", ["image", "labels"]);

        Assert.Equal([(2, "a\nb.png"), (5, "c.png")], table.Rows.Select(r => (r.Line, r[0])));
        Assert.Equal("y,z", table.Rows[1][1]);
    }
}
