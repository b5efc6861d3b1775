using HndGate.Engine.Dictionary;

namespace HndGate.Engine.Tests.Dictionary;

public sealed class DictionaryLoaderTests
{
    [Fact]
    public void Load_ReadsFormatB_WhenTheFolderHasAManifest()
    {
        using var fixture = DictionaryFixture.Manifest();

        var loaded = DictionaryLoader.Load(fixture.Root, new DictionaryLoadOptions());

        Assert.Equal(DictionaryFormat.Manifest, loaded.Dictionary.Format);
        Assert.NotNull(loaded.DeclaredHash);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_PrefersTheManifest_OverPublishedCsvFiles()
    {
        using var fixture = DictionaryFixture.Manifest();
        fixture.WriteText("Action_Units.csv", "image,labels\n");

        Assert.Equal(DictionaryFormat.Manifest, DictionaryLoader.Load(fixture.Root, new DictionaryLoadOptions()).Dictionary.Format);
    }

    [Fact]
    public void Load_ReadsFormatA_WhenTheFolderHasThePublishedCsvFiles()
    {
        using var fixture = DictionaryFixture.PublishedLayout();

        var loaded = DictionaryLoader.Load(fixture.Root, new DictionaryLoadOptions());

        Assert.Equal(DictionaryFormat.PublishedLayout, loaded.Dictionary.Format);
        Assert.Null(loaded.DeclaredHash);
    }

    [Fact]
    public void Load_SaysWhatItExpected_InAFolderOfNeitherFormat()
    {
        using var folder = new TemporaryDirectory();

        var e = Assert.Throws<HndGateInputException>(() => DictionaryLoader.Load(folder.Path, new DictionaryLoadOptions()));

        Assert.Equal(folder.Path, e.File);
        Assert.Contains("hnd-dictionary.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("Action_Units.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NamesAMissingFolder()
    {
        using var folder = new TemporaryDirectory();
        var missing = folder.Combine("none");

        var e = Assert.Throws<HndGateInputException>(() => DictionaryLoader.Load(missing, new DictionaryLoadOptions()));

        Assert.Equal(missing, e.File);
    }
}
