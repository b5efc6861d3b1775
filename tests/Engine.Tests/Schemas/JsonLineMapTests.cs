using System.Text;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Schemas;

public sealed class JsonLineMapTests
{
    private const string Text = """
        {
          "a": [
            1,
            { "b/c": true, "d~e": [null,
              "x"] }
          ],
          "f": {}
        }
        """;

    private readonly JsonLineMap map = new(Encoding.UTF8.GetBytes(Text));

    [Theory]
    [InlineData("", 1)]
    [InlineData("/a", 2)]
    [InlineData("/a/0", 3)]
    [InlineData("/a/1", 4)]
    [InlineData("/a/1/b~1c", 4)]
    [InlineData("/a/1/d~0e/0", 4)]
    [InlineData("/a/1/d~0e/1", 5)]
    [InlineData("/f", 7)]
    public void LineOf_FindsTheLineWhereTheValueStarts(string pointer, int line)
    {
        Assert.Equal(line, map.LineOf(pointer));
    }

    [Fact]
    public void LineOf_IsNull_ForAPointerToNothing()
    {
        Assert.Null(map.LineOf("/a/2"));
    }

    [Fact]
    public void Pointer_EscapesAndSegmentsUnescapes_RoundTrip()
    {
        string[] segments = ["a/b", "c~d", "0"];

        var pointer = JsonLineMap.Pointer(segments);

        Assert.Equal("/a~1b/c~0d/0", pointer);
        Assert.Equal(segments, JsonLineMap.Segments(pointer));
    }

    [Fact]
    public void FirstDuplicateProperty_FindsTheRepeatedName()
    {
        var duplicate = new JsonLineMap(Encoding.UTF8.GetBytes("{\n\"a\": {\"x\": 1},\n\"b\": {\"x\": 1,\n\"x\": 2}}")).FirstDuplicateProperty();

        Assert.Equal(("/b/x", 4), duplicate);
    }
}
