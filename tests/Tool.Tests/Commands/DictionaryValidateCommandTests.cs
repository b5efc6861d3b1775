using HndGate.Engine.Dictionary;
using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dictionary;
using HndGate.Engine.Tests.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Tool.Tests.Commands;

/// <summary>Each bad input of the dictionary formats: exit 2 and a message naming the file (and line or pointer).</summary>
public sealed class DictionaryValidateCommandTests : IDisposable
{
    private const string Manifest = DictionaryManifest.FileName;

    private readonly DictionaryFixture published = DictionaryFixture.PublishedLayout();
    private readonly DictionaryFixture manifest = DictionaryFixture.Manifest();

    public void Dispose()
    {
        published.Dispose();
        manifest.Dispose();
    }

    [Fact]
    public void Validate_PrintsTheSummary_AndExitsZero_ForASoundManifest()
    {
        var run = Validate(manifest);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid: Format B, 2 local images with 3 masks of 3 concepts, 5 global images in 2 families, 10 files decoded", run.Output, StringComparison.Ordinal);
        Assert.Contains($"content {DictionaryContentHash.Compute(manifest.ManifestDictionary())} (matches the manifest), 0 warnings", run.Output, StringComparison.Ordinal);
        Assert.Equal("decoding images and masks: 0/10\n", run.Error.ReplaceLineEndings("\n")[..32]);
        Assert.DoesNotContain("warning", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PrintsNothing_WithQuiet()
    {
        var run = Validate(manifest, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Validate_PrintsTheSummaryAsJson_WithJson()
    {
        var run = Validate(manifest, "--json", "--quiet");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(10, root.GetProperty("files_decoded").GetInt32());
        Assert.Equal(DictionaryContentHash.Compute(manifest.ManifestDictionary()), root.GetProperty("content_hash").GetString());
        Assert.True(root.GetProperty("content_hash_checked").GetBoolean());
        Assert.Equal(2, root.GetProperty("statistics").GetProperty("local_images").GetInt32());
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Validate_ExitsZero_ForASoundPublishedLayout()
    {
        var run = Validate(published);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("valid: Format A, 4 local images with 6 masks of 38 concepts, 5 global images in 2 families", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesCsvAndLine_OfAMissingImage_FormatA()
    {
        File.Delete(published.PathOf("parts/1/original.png"));

        AssertInputError(Validate(published), "Parts.csv:2:", "'parts/1/original.png' does not exist");
    }

    [Fact]
    public void Validate_NamesPointer_OfAMissingImage_FormatB()
    {
        File.Delete(manifest.PathOf("img/1.png"));

        AssertInputError(Validate(manifest), $"{Manifest}:{LineOf(manifest, "\"img/1.png\"")} at /local/1/image:", "does not exist");
    }

    [Fact]
    public void Validate_NamesCsvAndLine_OfAMissingMask_FormatA()
    {
        File.Delete(published.PathOf("AU/1/AU_26.png"));

        AssertInputError(Validate(published), "Action_Units.csv:2:", "'AU/1/AU_26.png' does not exist");
    }

    [Fact]
    public void Validate_NamesTheMask_OfAnotherSizeThanItsImage()
    {
        published.WriteImage("parts/1/nose.png", 20, 16);

        AssertInputError(Validate(published), "parts/1/nose.png:", "20×16", "parts/1/original.png is 16×16");
    }

    [Fact]
    public void Validate_NamesCsvAndLine_OfAnUnknownConcept_FormatA()
    {
        published.WriteImage("attributes/1/Grinning.png");
        published.Edit("Attributes.csv", "attributes/1/Smiling.png", "attributes/1/Grinning.png");

        AssertInputError(Validate(published), "Attributes.csv:2:", "unknown concept 'Grinning'");
    }

    [Fact]
    public void Validate_NamesPointerAndLine_OfAnUnknownConcept_FormatB()
    {
        manifest.Edit(Manifest, "\"concept\": \"Smiling\"", "\"concept\": \"Grinning\"");

        AssertInputError(Validate(manifest), $"{Manifest}:{LineOf(manifest, "\"Grinning\"")} at /local/0/masks/1/concept:", "unknown concept 'Grinning'");
    }

    [Theory]
    [InlineData("../outside.png", "'..'")]
    [InlineData("/etc/hostname", "absolute")]
    public void Validate_NamesCsvAndLine_OfAPathThatLeavesTheRoot_FormatA(string path, string reason)
    {
        published.Edit("Action_Units.csv", "AU/2/AU_12.png", path);

        AssertInputError(Validate(published), "Action_Units.csv:3:", reason);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("/etc/hostname")]
    public void Validate_NamesPointerAndLine_OfAPathThatLeavesTheRoot_FormatB(string path)
    {
        manifest.Edit(Manifest, "\"masks/1/AU_12.png\"", $"\"{path}\"");

        AssertInputError(Validate(manifest), $"{Manifest}:{LineOf(manifest, path)} at /local/1/masks/0/mask:", "stays inside the root");
    }

    [Fact]
    public void Validate_RefusesASymlinkOutOfTheRoot_FormatA()
    {
        using var outside = new TemporaryDirectory();
        File.Move(published.PathOf("AU/2/AU_12.png"), outside.Combine("AU_12.png"));
        File.CreateSymbolicLink(published.PathOf("AU/2/AU_12.png"), outside.Combine("AU_12.png"));

        AssertInputError(Validate(published), "Action_Units.csv:3:", "symbolic link");
    }

    [Fact]
    public void Validate_RefusesASymlinkedFolderOutOfTheRoot_FormatB()
    {
        using var outside = new TemporaryDirectory();
        Directory.Move(manifest.PathOf("global/f"), outside.Combine("f"));
        Directory.CreateSymbolicLink(manifest.PathOf("global/f"), outside.Combine("f"));

        AssertInputError(Validate(manifest), $"{Manifest}:{LineOf(manifest, "\"global/f/0.png\"")} at /global/0/subgroups/1/images/0:", "symbolic link");
    }

    [Fact]
    public void Validate_NamesACorruptPng()
    {
        var png = File.ReadAllBytes(published.PathOf("AU/2/original.png"));
        var idat = PngBytes.Chunks(png).First(c => c.Type == "IDAT");
        png[idat.Offset + 10] ^= 0xFF;
        published.WriteBytes("AU/2/original.png", png);

        AssertInputError(Validate(published), "AU/2/original.png:");
    }

    [Fact]
    public void Validate_NamesATruncatedPng()
    {
        var png = File.ReadAllBytes(manifest.PathOf("masks/0/left_eye.png"));
        manifest.WriteBytes("masks/0/left_eye.png", png[..(png.Length / 2)]);

        AssertInputError(Validate(manifest), "masks/0/left_eye.png:");
    }

    [Fact]
    public void Validate_NamesATruncatedJpeg()
    {
        published.WriteImage("non_localizable/Gender/Female/d.jpg", 64, 64);
        var jpeg = File.ReadAllBytes(published.PathOf("non_localizable/Gender/Female/d.jpg"));
        published.WriteBytes("non_localizable/Gender/Female/d.jpg", jpeg[..(jpeg.Length * 3 / 4)]);

        AssertInputError(Validate(published), "non_localizable/Gender/Female/d.jpg:", "truncated");
    }

    [Fact]
    public void Validate_RefusesAnImageWhoseHeaderClaims100000Squared()
    {
        manifest.WriteBytes("global/c/0.png", PngBytes.WithHeader(100_000, 100_000));

        AssertInputError(Validate(manifest), "global/c/0.png:", "100000×100000");
    }

    [Fact]
    public void Validate_NamesAnEmptySubgroup_FormatA()
    {
        File.Delete(published.PathOf("non_localizable/Gender/Female/c.png"));

        AssertInputError(Validate(published), "non_localizable/Gender/Female:", "empty subgroup");
    }

    [Fact]
    public void Validate_NamesAnEmptySubgroup_FormatB()
    {
        manifest.Edit(Manifest, "\"images\": [\n            \"global/g/0.png\"\n          ]", "\"glob\": \"global/g/*.jpg\"");

        AssertInputError(Validate(manifest), $"{Manifest}:{LineOf(manifest, "global/g/*.jpg")} at /global/1/subgroups/1/glob:", "empty subgroup");
    }

    [Fact]
    public void Validate_NamesADuplicateEntry_FormatA()
    {
        published.Edit("Parts.csv", "parts/1/nose.png", "parts/1/nose.png;parts/1/nose.png");

        AssertInputError(Validate(published), "Parts.csv:2:", "duplicate entry");
    }

    [Fact]
    public void Validate_NamesADuplicateEntry_FormatB()
    {
        manifest.Edit(Manifest, "\"global/c/0.png\"", "\"global/g/0.png\"");

        AssertInputError(Validate(manifest), $"at /global/1/subgroups/1/images/0:", "duplicate entry");
    }

    [Fact]
    public void Validate_NamesLine1_OfACsvWithAWrongHeader()
    {
        published.Edit("Action_Units.csv", "image,labels", "image;labels");

        AssertInputError(Validate(published), "Action_Units.csv:1:", "wrong CSV header");
    }

    [Fact]
    public void Validate_NamesPointerAndLine_OfASchemaViolation()
    {
        manifest.Edit(Manifest, "\"type\": \"part\"", "\"type\": \"organ\"");

        AssertInputError(Validate(manifest), $"{Manifest}:{LineOf(manifest, "\"organ\"")} at /concepts/0/type:", "\"organ\"");
    }

    [Fact]
    public void Validate_SaysTheDictionaryChanged_WhenTheContentHashDiffers()
    {
        manifest.WriteImage("global/m/0.png", variant: 3);

        AssertInputError(Validate(manifest), $"{Manifest}:{LineOf(manifest, "content_hash")} at /content_hash:", "changed since its manifest was written");
    }

    [Fact]
    public void Validate_Lenient_DropsBadImages_WarnsNamingEach_AndExitsZero()
    {
        published.WriteText("AU/2/original.png", "not an image");
        File.Delete(published.PathOf("parts/1/nose.png"));

        var run = Validate(published, "--lenient");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 local images", run.Output, StringComparison.Ordinal);
        Assert.Contains("2 warnings", run.Output, StringComparison.Ordinal);
        var warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("warning: Parts.csv:2: the mask 'parts/1/nose.png' does not exist; image parts/1/original.png dropped", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("warning: AU/2/original.png: ", warnings[1], StringComparison.Ordinal);
        Assert.EndsWith("image AU/2/original.png dropped", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Lenient_StillRefusesAPathThatLeavesTheRoot()
    {
        published.Edit("Parts.csv", "parts/1/nose.png", "../nose.png");

        AssertInputError(Validate(published, "--lenient"), "Parts.csv:2:");
    }

    [Fact]
    public void Validate_WritesNothing_IntoTheDictionary()
    {
        published.WriteText("AU/2/original.png", "not an image");
        var before = Snapshot(published.Root);

        Assert.Equal(2, Validate(published).ExitCode);
        Assert.Equal(0, Validate(published, "--lenient").ExitCode);

        Assert.Equal(before, Snapshot(published.Root));
    }

    [Fact]
    public void Validate_SaysWhatItExpects_InAFolderOfNeitherFormat()
    {
        using var empty = new TemporaryDirectory();

        AssertInputError(CliRun.Of("dictionary", "validate", empty.Path), empty.Path, "hnd-dictionary.json", "Action_Units.csv");
    }

    [Fact]
    public void Validate_ExitsTwo_WithoutAFolder()
    {
        var run = CliRun.Of("dictionary", "validate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DIR", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ShowsExamplesAndExitCodes()
    {
        var run = CliRun.Of("dictionary", "validate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("hnd-gate dictionary validate ./face-dictionary --lenient", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 valid, 2 not valid", run.Output, StringComparison.Ordinal);
    }

    private static CliRun Validate(DictionaryFixture fixture, params string[] options) =>
        CliRun.Of(["dictionary", "validate", fixture.Root, .. options]);

    private static void AssertInputError(CliRun run, params string[] expected)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Matches("(^|\n)error: ", run.Error); // after the progress lines, when the problem is found while decoding
        foreach (var text in expected)
        {
            Assert.Contains(text, run.Error, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, run.Output);
    }

    private static int LineOf(DictionaryFixture fixture, string text)
    {
        var lines = fixture.ReadText(Manifest).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in the manifest");
        return index + 1;
    }

    private static string Snapshot(string root) => string.Join(
        "\n",
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(root, f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));
}
