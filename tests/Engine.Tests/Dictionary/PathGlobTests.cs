using HndGate.Engine.Dictionary;

namespace HndGate.Engine.Tests.Dictionary;

public sealed class PathGlobTests : IDisposable
{
    private static readonly InputLocation Referrer = new("hnd-dictionary.json", 3, "/global/0/subgroups/0/glob");

    private readonly DictionaryFixture files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("*.png", "a.png", true)]
    [InlineData("*.png", "a.jpg", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    [InlineData("*", ".hidden", false)]
    [InlineData(".*", ".hidden", true)]
    [InlineData("x", "X", false)]
    public void Matches_FollowsStarAndQuestionMark_WithinOneSegment(string segment, string name, bool expected)
    {
        Assert.Equal(expected, PathGlob.Matches(segment, name));
    }

    [Fact]
    public void Expand_ListsMatchingFiles_SortedOrdinally_AcrossFolders()
    {
        foreach (var path in new[] { "g/b/2.png", "g/a/10.png", "g/a/9.png", "g/B/1.png", "g/a/x.txt", "g/a/sub/3.png", "g/a/.h.png" })
        {
            files.WriteText(path, "x");
        }

        var root = DictionaryRoot.Open(files.Root);

        var matches = PathGlob.Expand(root, "g/*/*.png", Referrer);

        Assert.Equal(["g/B/1.png", "g/a/10.png", "g/a/9.png", "g/b/2.png"], matches);
    }

    [Fact]
    public void Expand_IsEmpty_WhenNothingMatches()
    {
        var root = DictionaryRoot.Open(files.Root);

        Assert.Empty(PathGlob.Expand(root, "none/*.png", Referrer));
    }

    [Fact]
    public void Expand_RefusesAPatternThatLeavesTheRoot()
    {
        var root = DictionaryRoot.Open(files.Root);

        var e = Assert.Throws<HndGateInputException>(() => PathGlob.Expand(root, "../*.png", Referrer));

        Assert.Equal("/global/0/subgroups/0/glob", e.JsonPointer);
    }

    [Fact]
    public void Expand_RefusesAMatchThatIsASymlinkOutside()
    {
        using var outside = new TemporaryDirectory();
        File.WriteAllText(outside.Combine("s.png"), "x");
        files.WriteText("g/a.png", "x");
        File.CreateSymbolicLink(files.PathOf("g/b.png"), outside.Combine("s.png"));
        var root = DictionaryRoot.Open(files.Root);

        var e = Assert.Throws<HndGateInputException>(() => PathGlob.Expand(root, "g/*.png", Referrer));

        Assert.Contains("g/b.png", e.Message, StringComparison.Ordinal);
    }
}
