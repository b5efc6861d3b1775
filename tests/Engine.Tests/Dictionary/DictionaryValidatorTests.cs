using HndGate.Engine.Dictionary;
using HndGate.Engine.Imaging;
using HndGate.Engine.Tests.Imaging;

namespace HndGate.Engine.Tests.Dictionary;

public sealed class DictionaryValidatorTests
{
    private static readonly DictionaryLoadOptions Strict = new();
    private static readonly DictionaryLoadOptions Lenient = new(Lenient: true);

    private readonly DictionaryValidator validator = new(new ImageFileDecoder());

    [Fact]
    public void Validate_PassesASoundManifest_AndMatchesItsHash()
    {
        using var fixture = DictionaryFixture.Manifest();

        var report = Validate(fixture, Strict);

        Assert.True(report.ContentHashChecked);
        Assert.Equal(DictionaryContentHash.Compute(fixture.ManifestDictionary()), report.ContentHash);
        Assert.Equal(10, report.FilesDecoded); // 2 images + 3 masks + 5 global images
        Assert.Empty(report.Warnings);
        Assert.Equal(2, report.Statistics.LocalImages);
    }

    [Fact]
    public void Validate_ReportsEveryFileDecoded_AndStopsWhenCancelled()
    {
        using var fixture = DictionaryFixture.Manifest();
        var loaded = DictionaryLoader.Load(fixture.Root, Strict);
        var progress = new RecordingProgress();

        validator.Validate(loaded, Strict, progress);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Assert.Equal(Enumerable.Range(0, 11).Select(n => (long)n), progress.Reports.Select(r => r.Done).Order());
        Assert.All(progress.Reports, r => Assert.Equal(10, r.Total));
        Assert.ThrowsAny<OperationCanceledException>(() => validator.Validate(loaded, Strict, null, stop.Token));
    }

    [Fact]
    public void Validate_PassesASoundPublishedLayout_DecodingEachSharedPhotoOnce()
    {
        using var fixture = DictionaryFixture.PublishedLayout();

        var report = Validate(fixture, Strict);

        Assert.False(report.ContentHashChecked);
        Assert.Equal(4, report.Dictionary.Local.Count);
        Assert.Equal(14, report.FilesDecoded); // 3 photos + 6 masks + 5 global images
    }

    [Fact]
    public void Validate_NamesAMaskOfAnotherSizeThanItsImage()
    {
        using var fixture = DictionaryFixture.Manifest();
        fixture.WriteImage("masks/1/AU_12.png", DictionaryFixture.Side, DictionaryFixture.Side + 1);
        DictionaryManifest.Write(fixture.ManifestDictionary());

        var e = Assert.Throws<HndGateInputException>(() => Validate(fixture, Strict));

        Assert.Equal("masks/1/AU_12.png", e.File);
        Assert.Contains("16×17", e.Message, StringComparison.Ordinal);
        Assert.Contains("img/1.png is 16×16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesACorruptImage()
    {
        using var fixture = DictionaryFixture.Manifest();
        var png = File.ReadAllBytes(fixture.PathOf("global/f/0.png"));
        fixture.WriteBytes("global/f/0.png", png[..(png.Length - 30)]);

        var e = Assert.Throws<HndGateInputException>(() => Validate(fixture, Strict));

        Assert.Equal("global/f/0.png", e.File);
    }

    [Fact]
    public void Validate_NamesAnOversizedImage_Header100000Squared()
    {
        using var fixture = DictionaryFixture.PublishedLayout();
        fixture.WriteBytes("AU/2/AU_12.png", PngBytes.WithHeader(100_000, 100_000));

        var e = Assert.Throws<HndGateInputException>(() => Validate(fixture, Strict));

        Assert.Equal("AU/2/AU_12.png", e.File);
        Assert.Contains("100000×100000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Lenient_DropsEachBadImage_WithAWarningNamingIt_AndSkipsTheHash()
    {
        using var fixture = DictionaryFixture.Manifest();
        fixture.WriteText("masks/0/Smiling.png", "not a png");
        fixture.WriteText("global/m/1.png", "not a png either");

        var report = Validate(fixture, Lenient);

        Assert.Equal(["img/1.png"], report.Dictionary.Local.Select(e => e.ImagePath));
        Assert.Equal(["global/m/0.png"], report.Dictionary.Global[0].Subgroups[0].Images);
        Assert.Equal(3, report.Warnings.Count);
        Assert.Equal("masks/0/Smiling.png", report.Warnings[0].Location.File);
        Assert.Contains("image img/0.png dropped", report.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal("global/m/1.png", report.Warnings[1].Location.File);
        Assert.Contains("content hash not checked", report.Warnings[2].Message, StringComparison.Ordinal);
        Assert.False(report.ContentHashChecked);
        Assert.Equal(DictionaryContentHash.Compute(report.Dictionary), report.ContentHash);
    }

    [Fact]
    public void Validate_Lenient_RefusesASubgroupThatLosesEveryImage()
    {
        using var fixture = DictionaryFixture.Manifest();
        fixture.WriteText("global/f/0.png", "broken");

        var e = Assert.Throws<HndGateInputException>(() => Validate(fixture, Lenient));

        Assert.Equal("global/f/0.png", e.File);
        Assert.Contains("empty subgroup", e.Message, StringComparison.Ordinal);
        Assert.Contains("gender/female", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a PNG, JPEG or BMP image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SaysTheDictionaryChanged_WhenAFileDiffersFromTheManifestHash()
    {
        using var fixture = DictionaryFixture.Manifest();
        fixture.WriteImage("img/0.png", variant: 1); // same size, other pixels

        var e = Assert.Throws<HndGateInputException>(() => Validate(fixture, Strict));

        Assert.Equal((DictionaryManifest.FileName, "/content_hash"), (e.File, e.JsonPointer));
        Assert.NotNull(e.Line);
        Assert.Contains("changed since its manifest was written", e.Message, StringComparison.Ordinal);
    }

    private DictionaryValidationReport Validate(DictionaryFixture fixture, DictionaryLoadOptions options) =>
        validator.Validate(DictionaryLoader.Load(fixture.Root, options), options);
}
