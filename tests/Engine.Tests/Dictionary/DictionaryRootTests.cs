using HndGate.Engine.Dictionary;

namespace HndGate.Engine.Tests.Dictionary;

public sealed class DictionaryRootTests : IDisposable
{
    private static readonly InputLocation Referrer = new("list.csv", 7);

    private readonly TemporaryDirectory outside = new();
    private readonly DictionaryFixture files = new();

    public void Dispose()
    {
        files.Dispose();
        outside.Dispose();
    }

    [Fact]
    public void Resolve_ReturnsTheFileInsideTheRoot()
    {
        files.WriteText("a/b.txt", "x");
        var root = DictionaryRoot.Open(files.Root);

        var full = root.Resolve("a/b.txt", Referrer);

        Assert.Equal("x", File.ReadAllText(full));
        Assert.Equal("a/b.txt", root.RelativePath(full));
    }

    [Theory]
    [InlineData("../x.png", "'..'")]
    [InlineData("a/../../x.png", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/x.png", "absolute")]
    [InlineData("a\\x.png", "backslash")]
    [InlineData("a//x.png", "empty or '.'")]
    [InlineData("./x.png", "empty or '.'")]
    [InlineData("", "empty")]
    public void Resolve_RefusesAPathThatIsNotPlainAndRelative_NamingTheReferrer(string path, string reason)
    {
        var root = DictionaryRoot.Open(files.Root);

        var e = Assert.Throws<HndGateInputException>(() => root.Resolve(path, Referrer));

        Assert.Equal("list.csv", e.File);
        Assert.Equal(7, e.Line);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RefusesAFileSymlinkThatPointsOutside()
    {
        File.WriteAllText(outside.Combine("secret.png"), "x");
        files.WriteText("a/keep.txt", "x");
        File.CreateSymbolicLink(files.PathOf("a/link.png"), outside.Combine("secret.png"));
        var root = DictionaryRoot.Open(files.Root);

        var e = Assert.Throws<HndGateInputException>(() => root.Resolve("a/link.png", Referrer));

        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Equal("list.csv", e.File);
    }

    [Fact]
    public void Resolve_RefusesAPathThroughAFolderSymlinkThatPointsOutside()
    {
        File.WriteAllText(outside.Combine("secret.png"), "x");
        Directory.CreateSymbolicLink(files.PathOf("out"), outside.Path);
        var root = DictionaryRoot.Open(files.Root);

        Assert.Throws<HndGateInputException>(() => root.Resolve("out/secret.png", Referrer));
    }

    [Fact]
    public void Resolve_RefusesARelativeSymlinkThatClimbsOut()
    {
        File.WriteAllText(outside.Combine("secret.png"), "x");
        files.WriteText("a/keep.txt", "x");
        var relativeTarget = Path.GetRelativePath(files.PathOf("a"), outside.Combine("secret.png"));
        File.CreateSymbolicLink(files.PathOf("a/link.png"), relativeTarget);
        var root = DictionaryRoot.Open(files.Root);

        Assert.Throws<HndGateInputException>(() => root.Resolve("a/link.png", Referrer));
    }

    [Fact]
    public void Resolve_FollowsASymlinkThatStaysInside()
    {
        files.WriteText("real/a.png", "inside");
        Directory.CreateSymbolicLink(files.PathOf("alias"), "real");
        var root = DictionaryRoot.Open(files.Root);

        var full = root.Resolve("alias/a.png", Referrer);

        Assert.Equal(files.PathOf("real/a.png"), full);
    }

    [Fact]
    public void Open_ResolvesARootThatIsItselfASymlink_AndStillGuardsIt()
    {
        files.WriteText("a.png", "x");
        var link = outside.Combine("dict");
        Directory.CreateSymbolicLink(link, files.Root);

        var root = DictionaryRoot.Open(link);

        Assert.Equal(files.Root, root.FullPath);
        Assert.Equal(files.PathOf("a.png"), root.Resolve("a.png", Referrer));
    }

    [Fact]
    public void Open_NamesAMissingFolder()
    {
        var e = Assert.Throws<HndGateInputException>(() => DictionaryRoot.Open(files.PathOf("none")));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_StopsAtASymlinkLoop()
    {
        File.CreateSymbolicLink(files.PathOf("loop1"), "loop2");
        File.CreateSymbolicLink(files.PathOf("loop2"), "loop1");
        var root = DictionaryRoot.Open(files.Root);

        var e = Assert.Throws<HndGateInputException>(() => root.Resolve("loop1", Referrer));

        Assert.Contains("loop", e.Message, StringComparison.Ordinal);
    }
}
