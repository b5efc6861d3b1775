using HndGate.Engine.Dictionary;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Dictionary;

public sealed class DictionaryManifestReaderTests : IDisposable
{
    private const string Manifest = DictionaryManifest.FileName;

    private readonly DictionaryFixture fixture = DictionaryFixture.Manifest();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void Read_RoundTripsWhatDictionaryManifestWrote_WithItsHash()
    {
        var written = fixture.ManifestDictionary();

        var (read, hash) = Read();

        Assert.Equal(DictionaryFormat.Manifest, read.Format);
        Assert.Equal(written.Concepts, read.Concepts);
        Assert.Equal(Flatten(written), Flatten(read));
        Assert.Equal(written.Source, read.Source);
        Assert.Equal(written.Global.Select(f => (f.Name, f.Threshold)), read.Global.Select(f => (f.Name, f.Threshold)));
        Assert.NotNull(hash);
        Assert.Equal(DictionaryContentHash.Compute(written), hash.Value);
        Assert.Equal(DictionaryContentHash.Compute(read), hash.Value);
        Assert.Equal("/content_hash", hash.Location.JsonPointer);
    }

    [Fact]
    public void Read_TakesTheLocalSetFromACsvFile_GroupingRowsByImage()
    {
        fixture.WriteText("local.csv", "image,concept,mask\nimg/1.png,AU_12,masks/1/AU_12.png\nimg/0.png,Smiling,masks/0/Smiling.png\nimg/0.png,left_eye,masks/0/left_eye.png\n");
        ReplaceLocalWith("{ \"csv\": \"local.csv\" }");

        var (read, _) = Read();

        Assert.Equal(["img/1.png", "img/0.png"], read.Local.Select(e => e.ImagePath));
        Assert.Equal(["Smiling", "left_eye"], read.Local[1].Masks.Select(m => m.Concept));
    }

    [Fact]
    public void Read_NamesCsvAndLine_WhenTheRowsOfAnImageAreApart()
    {
        fixture.WriteText("local.csv", "image,concept,mask\nimg/0.png,Smiling,masks/0/Smiling.png\nimg/1.png,AU_12,masks/1/AU_12.png\nimg/0.png,left_eye,masks/0/left_eye.png\n");
        ReplaceLocalWith("{ \"csv\": \"local.csv\" }");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("local.csv", 4), (e.File, e.Line));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesLine1_OfALocalCsvWithAWrongHeader()
    {
        fixture.WriteText("local.csv", "image,labels\nimg/0.png,masks/0/Smiling.png\n");
        ReplaceLocalWith("{ \"csv\": \"local.csv\" }");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("local.csv", 1), (e.File, e.Line));
    }

    [Fact]
    public void Read_NamesCsvAndLine_OfAnUnknownConceptInTheLocalCsv()
    {
        fixture.WriteText("local.csv", "image,concept,mask\nimg/0.png,Smiling,masks/0/Smiling.png\nimg/1.png,Frowning,masks/1/AU_12.png\n");
        ReplaceLocalWith("{ \"csv\": \"local.csv\" }");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal(("local.csv", 3), (e.File, e.Line));
        Assert.Contains("'Frowning'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesPointerAndLine_OfAnUndeclaredConcept()
    {
        fixture.Edit(Manifest, "\"concept\": \"AU_12\"", "\"concept\": \"AU_13\"");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("/local/1/masks/0/concept", e.JsonPointer);
        Assert.Equal(LineOf("\"AU_13\""), e.Line);
        Assert.Contains("declare it in /concepts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Lenient_DropsTheImageOfAnUndeclaredConcept_WithAWarning()
    {
        fixture.Edit(Manifest, "\"concept\": \"AU_12\"", "\"concept\": \"AU_13\"");

        var (read, _) = Read(lenient: true, out var warnings);

        Assert.Equal(["img/0.png"], read.Local.Select(e => e.ImagePath));
        Assert.Contains("image img/1.png dropped", Assert.Single(warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesPointer_OfADuplicateMaskOfOneImage()
    {
        fixture.Edit(Manifest, "\"concept\": \"Smiling\"", "\"concept\": \"left_eye\"");

        var e = Assert.Throws<HndGateInputException>(() => Read(lenient: true, out _));

        Assert.Equal("/local/0/masks/1/concept", e.JsonPointer);
        Assert.Contains("duplicate entry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesPointer_OfAGlobalImageListedTwiceInAFamily()
    {
        fixture.Edit(Manifest, "\"global/f/0.png\"", "\"global/m/1.png\"");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("/global/0/subgroups/1/images/0", e.JsonPointer);
        Assert.Contains("duplicate entry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesPointer_OfAConceptDeclaredTwice()
    {
        fixture.Edit(Manifest, "\"name\": \"Smiling\"", "\"name\": \"left_eye\"");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("/concepts/1/name", e.JsonPointer);
    }

    [Fact]
    public void Read_ExpandsAGlob_SortedOrdinally()
    {
        fixture.WriteImage("global/m/10.png");
        fixture.Edit(Manifest, "\"images\": [\n            \"global/m/0.png\",\n            \"global/m/1.png\"\n          ]", "\"glob\": \"global/m/*.png\"");

        var (read, _) = Read();

        Assert.Equal(["global/m/0.png", "global/m/1.png", "global/m/10.png"], read.Global[0].Subgroups[0].Images);
    }

    [Fact]
    public void Read_NamesPointer_OfAGlobThatMatchesNothing()
    {
        fixture.Edit(Manifest, "\"images\": [\n            \"global/f/0.png\"\n          ]", "\"glob\": \"global/none/*.png\"");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("/global/0/subgroups/1/glob", e.JsonPointer);
        Assert.Contains("empty subgroup", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Lenient_RefusesASubgroupWhoseEveryImageIsMissing()
    {
        File.Delete(fixture.PathOf("global/f/0.png"));

        var e = Assert.Throws<HndGateInputException>(() => Read(lenient: true, out _));

        Assert.Equal("/global/0/subgroups/1", e.JsonPointer);
        Assert.Contains("empty subgroup", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesPointerAndLine_OfAMissingMask()
    {
        File.Delete(fixture.PathOf("masks/0/Smiling.png"));

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("/local/0/masks/1/mask", e.JsonPointer);
        Assert.Equal(LineOf("\"masks/0/Smiling.png\""), e.Line);
    }

    [Fact]
    public void Read_NamesPointer_OfAnImageSymlinkedOutside()
    {
        using var outside = new TemporaryDirectory();
        File.Move(fixture.PathOf("img/1.png"), outside.Combine("1.png"));
        File.CreateSymbolicLink(fixture.PathOf("img/1.png"), outside.Combine("1.png"));

        var e = Assert.Throws<HndGateInputException>(() => Read(lenient: true, out _));

        Assert.Equal("/local/1/image", e.JsonPointer);
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GivesTheSchemaViolation_WithPointerAndLine()
    {
        fixture.Edit(Manifest, "\"masks/0/Smiling.png\"", "\"../Smiling.png\"");

        var e = Assert.Throws<HndGateInputException>(() => Read());

        Assert.Equal("/local/0/masks/1/mask", e.JsonPointer);
        Assert.Equal(LineOf("\"../Smiling.png\""), e.Line);
    }

    private static IEnumerable<string> Flatten(FaceDictionary d) =>
        d.Local.SelectMany(e => e.Masks.Select(m => $"{e.ImagePath} {m.Concept} {m.MaskPath}"))
            .Concat(d.Global.SelectMany(f => f.Subgroups.SelectMany(s => s.Images.Select(i => $"{f.Name}/{s.Name} {i}"))));

    private void ReplaceLocalWith(string json)
    {
        var text = fixture.ReadText(Manifest);
        var start = text.IndexOf("\"local\": [", StringComparison.Ordinal) + "\"local\": ".Length;
        var end = text.IndexOf("\"global\":", StringComparison.Ordinal);
        end = text.LastIndexOf(']', end);
        File.WriteAllText(fixture.PathOf(Manifest), text[..start] + json + text[(end + 1)..]);
    }

    private int LineOf(string text)
    {
        var lines = fixture.ReadText(Manifest).Split('\n');
        return Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;
    }

    private (FaceDictionary Dictionary, DeclaredContentHash? Hash) Read() => Read(lenient: false, out _);

    private (FaceDictionary Dictionary, DeclaredContentHash? Hash) Read(bool lenient, out IReadOnlyList<DictionaryWarning> warnings)
    {
        var problems = new ImageProblems(new DictionaryLoadOptions(lenient));
        var result = DictionaryManifestReader.Read(DictionaryRoot.Open(fixture.Root), new JsonSchemaValidator(), problems);
        warnings = problems.Warnings;
        return result;
    }
}
