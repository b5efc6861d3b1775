using System.Text.Json;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Building;
using HndGate.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Tests.Dictionary.Building;

public sealed class DictionaryBuilderTests : IDisposable
{
    private static readonly string[] Parts = ["left_brow", "right_brow", "left_eye", "right_eye", "left_cheek", "right_cheek", "nose", "mouth"];

    private readonly BuildInput input = new();

    public void Dispose() => input.Dispose();

    [Fact]
    public void Build_ListsPartsOnEveryImageAndLabelledConceptsWhereLabelled()
    {
        var result = DictionaryBuilder.Build(input.Options());

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(input.Output, "hnd-dictionary.json")));
        var local = manifest.RootElement.GetProperty("local").EnumerateArray().ToList();
        string[] Concepts(int k) => local[k].GetProperty("masks").EnumerateArray().Select(m => m.GetProperty("concept").GetString()!).ToArray();

        Assert.Equal(3, local.Count);
        Assert.Equal(Parts.Append("AU_12").Append("Smiling").Order(StringComparer.Ordinal), Concepts(0).Order(StringComparer.Ordinal));
        Assert.Equal(Parts.Order(StringComparer.Ordinal), Concepts(1).Order(StringComparer.Ordinal));
        Assert.Equal(Parts.Append("Eyeglasses").Order(StringComparer.Ordinal), Concepts(2).Order(StringComparer.Ordinal));
        Assert.Equal((3, 8 + 10 + 9, 0), (result.LocalImages, result.Masks, result.GlobalImages));
        Assert.Equal(result.ContentHash, manifest.RootElement.GetProperty("content_hash").GetString());
        Assert.Equal("standard@1", manifest.RootElement.GetProperty("source").GetProperty("concept_map").GetString());
        Assert.Equal(38, manifest.RootElement.GetProperty("concepts").GetArrayLength());
    }

    [Fact]
    public void Build_ReportsEveryLocalImageWritten()
    {
        var progress = new RecordingProgress();

        DictionaryBuilder.Build(input.Options(), progress);

        Assert.Equal(new Engine.Dissection.DissectionProgress("local images", 0, 3), progress.Reports[0]);
        Assert.Equal([1L, 2, 3], progress.Reports.Skip(1).Select(r => r.Done).Order());
    }

    [Fact]
    public void Build_StopsAndLeavesNothing_WhenCancelledOnceWritingHasBegun()
    {
        using var stop = new CancellationTokenSource();
        var progress = new RecordingProgress(_ => stop.Cancel());

        Assert.ThrowsAny<OperationCanceledException>(() => DictionaryBuilder.Build(input.Options(), progress, stop.Token));

        Assert.False(Directory.Exists(input.Output));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(input.Folder), e => Path.GetFileName(e).StartsWith(".out.tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WritesADictionaryTheValidatorAccepts_WithAMatchingContentHash()
    {
        var result = DictionaryBuilder.Build(input.Options());

        var options = new DictionaryLoadOptions();
        var report = new DictionaryValidator(new ImageFileDecoder()).Validate(DictionaryLoader.Load(result.Root, options), options);

        Assert.True(report.ContentHashChecked);
        Assert.Equal(result.ContentHash, report.ContentHash);
        Assert.Equal(27, report.Statistics.Masks);
    }

    [Fact]
    public void Build_WritesMasksInConceptMapOrder()
    {
        DictionaryBuilder.Build(input.Options());

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(input.Output, "hnd-dictionary.json")));
        var concepts = manifest.RootElement.GetProperty("local")[0].GetProperty("masks").EnumerateArray().Select(m => m.GetProperty("concept").GetString()).ToList();

        Assert.Equal(
            ["left_brow", "right_brow", "left_eye", "right_eye", "left_cheek", "right_cheek", "nose", "AU_12", "mouth", "Smiling"],
            concepts);
    }

    [Fact]
    public void Build_WritesBinaryMasksOfTheImageSizeCentredOnTheLandmarks()
    {
        DictionaryBuilder.Build(input.Options());

        for (var k = 0; k < 3; k++)
        {
            using var mask = Image.Load<L8>(Path.Combine(input.Output, "local", $"00000{k}", "left_eye.png"));
            Assert.Equal((BuildInput.Size, BuildInput.Size), (mask.Width, mask.Height));

            // The hexagon of radius 2 has var x = var y = 2: the 95 % ellipse is the circle of radius² = 2 · χ²₂(0.95).
            var (cx, cy) = BuildInput.LeftEyeCentre(k);
            var radius2 = 2 * 5.991464547107979;
            for (var y = 0; y < mask.Height; y++)
            {
                for (var x = 0; x < mask.Width; x++)
                {
                    var value = mask[x, y].PackedValue;
                    Assert.True(value is 0 or 255, $"mask value {value} at ({x}, {y}) is not binary");
                    var inside = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radius2;
                    Assert.Equal(inside ? 255 : 0, value);
                }
            }
        }
    }

    [Fact]
    public void Build_CopiesImagesAsIs()
    {
        DictionaryBuilder.Build(input.Options());

        Assert.Equal(
            File.ReadAllBytes(Path.Combine(input.Images, "face2.png")),
            File.ReadAllBytes(Path.Combine(input.Output, "local", "000002", "original.png")));
    }

    [Fact]
    public void Build_WritesTheGlobalFamilies_FromAGlobalsCsv()
    {
        var globals = Path.Combine(input.Folder, "globals.csv");
        File.WriteAllText(globals, "image,family,subgroup\nface1.png,gender,male\nface0.png,gender,female\nface2.png,gender,male\n");

        var result = DictionaryBuilder.Build(input.Options() with { GlobalsFile = globals });

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(input.Output, "hnd-dictionary.json")));
        var family = manifest.RootElement.GetProperty("global").EnumerateArray().Single();
        var subgroups = family.GetProperty("subgroups").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString() + ": " + string.Join(" ", s.GetProperty("images").EnumerateArray().Select(i => i.GetString())))
            .ToList();

        Assert.Equal("gender", family.GetProperty("family").GetString());
        Assert.Equal(
            ["male: global/gender/male/000000.png global/gender/male/000001.png", "female: global/gender/female/000000.png"],
            subgroups);
        Assert.Equal(3, result.GlobalImages);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(input.Images, "face2.png")),
            File.ReadAllBytes(Path.Combine(input.Output, "global", "gender", "male", "000001.png")));
    }

    [Fact]
    public void Build_GivesTheSameContentHash_WhenRunTwice()
    {
        var first = DictionaryBuilder.Build(input.Options()).ContentHash;
        var second = DictionaryBuilder.Build(input.Options() with { Overwrite = true }).ContentHash;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Build_UsesTheConfidenceOverride_ForSmallerMasks()
    {
        DictionaryBuilder.Build(input.Options());
        var wide = Area(Path.Combine(input.Output, "local", "000000", "left_eye.png"));
        DictionaryBuilder.Build(input.Options() with { Confidence = 0.5, Overwrite = true });
        var narrow = Area(Path.Combine(input.Output, "local", "000000", "left_eye.png"));

        Assert.True(narrow < wide, $"{narrow} should be below {wide}");
    }

    private static int Area(string path)
    {
        using var mask = Image.Load<L8>(path);
        var area = 0;
        mask.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                area += rows.GetRowSpan(y).ToArray().Count(p => p.PackedValue > 127);
            }
        });
        return area;
    }
}
