using HndGate.Engine.Dictionary;

namespace HndGate.Engine.Tests.Dictionary;

public sealed class PublishedLayoutReaderTests : IDisposable
{
    private readonly DictionaryFixture layout = DictionaryFixture.PublishedLayout();

    public void Dispose() => layout.Dispose();

    [Fact]
    public void Read_ListsLocalEntries_InCsvFileOrder_ActionUnitsAttributesParts()
    {
        var dictionary = Read();

        Assert.Equal(DictionaryFormat.PublishedLayout, dictionary.Format);
        Assert.Equal(
            ["AU/1/original.png", "AU/2/original.png", "AU/1/original.png", "parts/1/original.png"],
            dictionary.Local.Select(e => e.ImagePath));
        Assert.Equal(
            [new ConceptMask("AU_1", "AU/1/AU_1.png"), new ConceptMask("AU_26", "AU/1/AU_26.png")],
            dictionary.Local[0].Masks);
        Assert.Equal(["left_eye", "nose"], dictionary.Local[3].Masks.Select(m => m.Concept));
        Assert.Same(StandardConcepts.Local, dictionary.Concepts);
    }

    [Fact]
    public void Read_MatchesGlobalFoldersCaseInsensitively_InStandardOrder_WithFilesSortedAndNonImagesIgnored()
    {
        var dictionary = Read();

        Assert.Equal(["gender", "skin_tone"], dictionary.Global.Select(f => f.Name));
        var gender = dictionary.Global[0];
        Assert.Equal(["male", "female"], gender.Subgroups.Select(s => s.Name));
        Assert.Equal(["non_localizable/Gender/Male/a.png", "non_localizable/Gender/Male/b.png"], gender.Subgroups[0].Images);
        Assert.Null(gender.Threshold);
        Assert.Equal(0.55, gender.EffectiveThreshold);
    }

    [Fact]
    public void Read_AcceptsPartsHalfCsv_InPlaceOfPartsCsv()
    {
        File.Move(layout.PathOf("Parts.csv"), layout.PathOf("Parts_half.csv"));

        Assert.Equal("parts/1/original.png", Read().Local[^1].ImagePath);
    }

    [Fact]
    public void Read_RefusesBothPartsCsvAndPartsHalfCsv()
    {
        File.Copy(layout.PathOf("Parts.csv"), layout.PathOf("Parts_half.csv"));

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Contains("keep one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IgnoresTheLayoutsExtraFiles_WhereARowListsThem()
    {
        layout.WriteImage("AU/2/lm.png");
        layout.WriteImage("AU/2/AU_12_overlap.png");
        layout.Edit("Action_Units.csv", "AU/2/AU_12.png", "AU/2/AU_12.png;AU/2/lm.png;AU/2/AU_12_overlap.png");

        var dictionary = Read();

        Assert.Equal([new ConceptMask("AU_12", "AU/2/AU_12.png")], dictionary.Local[1].Masks);
    }

    [Fact]
    public void Read_NamesCsvAndLine_OfAnUnknownConcept()
    {
        layout.WriteImage("AU/2/AU_99.png");
        layout.Edit("Action_Units.csv", "AU/2/AU_12.png", "AU/2/AU_12.png;AU/2/AU_99.png");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("Action_Units.csv", 3), (e.File, e.Line));
        Assert.Contains("unknown concept 'AU_99'", e.Message, StringComparison.Ordinal);
        Assert.Contains("or pass --lenient to leave such images out", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Lenient_DropsTheRowOfAnUnknownConcept_WithAWarningNamingIt()
    {
        layout.WriteImage("AU/2/AU_99.png");
        layout.Edit("Action_Units.csv", "AU/2/AU_12.png", "AU/2/AU_12.png;AU/2/AU_99.png");
        var problems = new ImageProblems(new DictionaryLoadOptions(Lenient: true));

        var dictionary = PublishedLayoutReader.Read(DictionaryRoot.Open(layout.Root), problems);

        Assert.Equal(3, dictionary.Local.Count);
        Assert.DoesNotContain(dictionary.Local, e => e.ImagePath == "AU/2/original.png");
        var warning = Assert.Single(problems.Warnings);
        Assert.Equal(new InputLocation("Action_Units.csv", 3), warning.Location);
        Assert.Contains("image AU/2/original.png dropped", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesLine1_OfAWrongHeader()
    {
        layout.Edit("Attributes.csv", "image,labels", "img,labels");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("Attributes.csv", 1), (e.File, e.Line));
        Assert.Contains("expected 'image,labels'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesCsvAndLine_OfAMissingMask()
    {
        File.Delete(layout.PathOf("parts/1/nose.png"));

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("Parts.csv", 2), (e.File, e.Line));
        Assert.Contains("parts/1/nose.png", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesCsvAndLine_OfAMissingImage()
    {
        File.Delete(layout.PathOf("AU/2/original.png"));

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("Action_Units.csv", 3), (e.File, e.Line));
    }

    [Fact]
    public void Read_RefusesADuplicateEntry_EvenWhenLenient()
    {
        layout.Edit("Attributes.csv", "attributes/1/Smiling.png", "attributes/1/Smiling.png\nAU/1/original.png,AU/1/AU_1.png");
        var problems = new ImageProblems(new DictionaryLoadOptions(Lenient: true));

        var e = Assert.Throws<HndGateInputException>(() => PublishedLayoutReader.Read(DictionaryRoot.Open(layout.Root), problems));

        Assert.Equal(("Attributes.csv", 3), (e.File, e.Line));
        Assert.Contains("duplicate entry", e.Message, StringComparison.Ordinal);
        Assert.Contains("Action_Units.csv:2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("/etc/passwd")]
    public void Read_NamesCsvAndLine_OfAPathThatLeavesTheRoot(string path)
    {
        layout.Edit("Parts.csv", "parts/1/nose.png", path);

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("Parts.csv", 2), (e.File, e.Line));
    }

    [Fact]
    public void Read_NamesCsvAndLine_OfAMaskSymlinkedOutside()
    {
        using var outside = new TemporaryDirectory();
        File.Move(layout.PathOf("parts/1/nose.png"), outside.Combine("nose.png"));
        File.CreateSymbolicLink(layout.PathOf("parts/1/nose.png"), outside.Combine("nose.png"));

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("Parts.csv", 2), (e.File, e.Line));
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesAnEmptySubgroupFolder()
    {
        File.Delete(layout.PathOf("non_localizable/skin_tone/dark/y.png"));
        layout.WriteText("non_localizable/skin_tone/dark/readme.txt", "no images here");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("non_localizable/skin_tone/dark", e.File);
        Assert.Contains("empty subgroup", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesAFamilyWithoutOneOfItsSubgroupFolders()
    {
        Directory.Delete(layout.PathOf("non_localizable/Gender/Female"), recursive: true);

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("non_localizable/Gender", e.File);
        Assert.Contains("'female'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesAnUnknownFamilyFolder()
    {
        layout.WriteImage("non_localizable/Mood/happy/a.png");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("non_localizable/Mood", e.File);
    }

    [Fact]
    public void Read_HasNoGlobalSet_WithoutTheNonLocalizableFolder()
    {
        Directory.Delete(layout.PathOf("non_localizable"), recursive: true);

        Assert.Empty(Read().Global);
    }

    private FaceDictionary Read() => PublishedLayoutReader.Read(DictionaryRoot.Open(layout.Root), new ImageProblems(new DictionaryLoadOptions()));
}
