using System.Security.Cryptography;
using System.Text.Json;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Building;
using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Tests.Dictionary.Synthesis;

public sealed class DictionarySynthesizerTests : IDisposable
{
    private const int Size = 48;

    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private DictionarySynthOptions Small(string name, long seed = 1) => new()
    {
        OutputFolder = folder.Combine(name),
        Size = Size,
        LocalImages = 60,
        GlobalImages = 40,
        Seed = seed,
    };

    /// <summary>SHA-256 over every file's relative path and bytes, in ordinal path order.</summary>
    private static string TreeHash(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [Fact]
    public void Synthesize_WritesIdenticalBytes_ForTheSameSeed_AndOthersForAnotherSeed()
    {
        // 30 local images show each optional concept once; 10 global images fill each subgroup once.
        var first = DictionarySynthesizer.Synthesize(Small("a") with { LocalImages = 30, GlobalImages = 10 });
        var second = DictionarySynthesizer.Synthesize(Small("b") with { LocalImages = 30, GlobalImages = 10 });
        var other = DictionarySynthesizer.Synthesize(Small("c", seed: 2) with { LocalImages = 30, GlobalImages = 10 });

        Assert.Equal(TreeHash(first.Root), TreeHash(second.Root));
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.NotEqual(TreeHash(first.Root), TreeHash(other.Root));
        Assert.NotEqual(first.ContentHash, other.ContentHash);
    }

    [Fact]
    public void Synthesize_CoversAll38ConceptsAndTheGlobalFamilies_WithTheRequestedCounts()
    {
        var result = DictionarySynthesizer.Synthesize(Small("d"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Root, "hnd-dictionary.json")));
        var root = manifest.RootElement;

        var local = root.GetProperty("local").EnumerateArray().ToList();
        var used = local.SelectMany(i => i.GetProperty("masks").EnumerateArray().Select(m => m.GetProperty("concept").GetString()!)).ToHashSet();
        Assert.Equal(60, local.Count);
        Assert.Equal(StandardConcepts.Local.Select(c => c.Name).ToHashSet(), used);
        Assert.All(result.Concepts, c => Assert.True(c.Images >= 2, $"{c.Name} on {c.Images} images")); // 60 images: each optional concept forced twice
        Assert.Equal(60, result.Concepts.Single(c => c.Name == "nose").Images);

        var families = root.GetProperty("global").EnumerateArray().ToDictionary(
            f => f.GetProperty("family").GetString()!,
            f => f.GetProperty("subgroups").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("images").GetArrayLength()));
        Assert.Equal(["age", "gender", "skin_tone", "color_scheme"], families.Keys);
        Assert.Equal(["zero_to_twenty", "twenty_to_forty", "forty_to_sixty", "sixty_plus"], families["age"].Keys);
        Assert.All(families.Values.SelectMany(f => f.Values), count => Assert.Equal(4, count));
        Assert.Equal((60, 40), (result.LocalImages, result.GlobalImages));

        var source = root.GetProperty("source");
        Assert.Equal((1L, "ibug68", "standard@1"), (source.GetProperty("seed").GetInt64(), source.GetProperty("landmark_model").GetString(), source.GetProperty("concept_map").GetString()));
        Assert.StartsWith("hnd-gate dictionary synth ", source.GetProperty("generator").GetString());
        Assert.Equal(result.ContentHash, root.GetProperty("content_hash").GetString());
    }

    [Fact]
    public void Synthesize_WritesADictionaryTheValidatorAccepts_WithAMatchingContentHash()
    {
        var result = DictionarySynthesizer.Synthesize(Small("v") with { LocalImages = 30, GlobalImages = 10 });

        var options = new DictionaryLoadOptions();
        var report = new DictionaryValidator(new ImageFileDecoder()).Validate(DictionaryLoader.Load(result.Root, options), options);

        Assert.True(report.ContentHashChecked);
        Assert.Equal(result.ContentHash, report.ContentHash);
        Assert.Empty(report.Warnings);
        Assert.Equal(result.Masks, report.Statistics.Masks);
    }

    [Fact]
    public void Synthesize_WritesRgbImagesAndBinaryMasksOfTheRequestedSize()
    {
        var result = DictionarySynthesizer.Synthesize(Small("e") with { LocalImages = 3, GlobalImages = 10 });

        using var image = Image.Load<Rgb24>(Path.Combine(result.Root, "local", "000001", "original.png"));
        using var mask = Image.Load<L8>(Path.Combine(result.Root, "local", "000001", "mouth.png"));
        Assert.Equal((Size, Size), (image.Width, image.Height));
        Assert.Equal((Size, Size), (mask.Width, mask.Height));
        var values = new HashSet<byte>();
        mask.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    values.Add(p.PackedValue);
                }
            }
        });
        Assert.Equal(new byte[] { 0, 255 }, values.Order().ToArray());

        using var grey = Image.Load<Rgb24>(Path.Combine(result.Root, "global", "color_scheme", "grayscale", "000000.png"));
        grey.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    Assert.True(p.R == p.G && p.G == p.B, "grayscale images are stored as RGB with R = G = B");
                }
            }
        });
    }

    [Fact]
    public void Synthesize_DrawsMasksThroughTheConceptMap_FromTheRenderedLandmarks()
    {
        var result = DictionarySynthesizer.Synthesize(Small("f") with { LocalImages = 2, GlobalImages = 0 });

        var face = FaceSynthesizer.Local(1, 1, Size);
        var map = ConceptMapReader.Standard;
        var expected = map.DrawMask(map.Find("left_eye")!, face.Landmarks, Size, Size).EncodePng();
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(result.Root, "local", "000001", "left_eye.png")));

        // The eye mask holds the rendered eye's landmarks.
        using var mask = Image.Load<L8>(Path.Combine(result.Root, "local", "000001", "left_eye.png"));
        for (var i = 36; i <= 41; i++)
        {
            Assert.Equal(255, mask[(int)Math.Round(face.Landmarks[i].X), (int)Math.Round(face.Landmarks[i].Y)].PackedValue);
        }
    }

    [Theory]
    [InlineData(16, 10, 10)]
    [InlineData(64, 10, 5)]
    [InlineData(64, 0, 0)]
    [InlineData(64, -1, 10)]
    public void Synthesize_RefusesOptionsThatCannotWork(int size, int local, int global)
    {
        var options = Small("g") with { Size = size, LocalImages = local, GlobalImages = global };

        Assert.Throws<HndGateInputException>(() => DictionarySynthesizer.Synthesize(options));
        Assert.False(Directory.Exists(options.OutputFolder));
    }

    [Fact]
    public void ContactSheet_IsAPngWithAFacePairPerCell()
    {
        var png = ContactSheet.Render(1, Size, count: 6, columns: 3);

        var info = Image.Identify(png);
        Assert.Equal(8 + (3 * ((2 * Size) + 8)), info.Width);
        Assert.Equal(2, (info.Height - 8) / (Size + (3 * 7) + 8));
    }
}
