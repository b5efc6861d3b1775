using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Dissection;
using HndGate.Engine.Formats;
using HndGate.Engine.Imaging;
using HndGate.Engine.Reports;
using HndGate.Engine.Reports.Pictures;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Reports.Pictures;

/// <summary>
/// Pictures from a hand-made activation file over a synthetic dictionary whose local images are one flat colour:
/// the picture's pixels of that colour are then exactly B, which a naive bilinear upsampling pins.
/// </summary>
[Collection("Torch")]
public sealed class UnitPicturesFromFilesTests : IDisposable
{
    private const int MapSize = 4;
    private const int TallySize = 16;
    private static readonly Rgb24 Colour = new(200, 120, 40);

    private readonly TemporaryDirectory _directory = new();
    private readonly float[,,,] _maps = new float[3, 2, MapSize, MapSize];
    private readonly FaceDictionary _dictionary;

    public UnitPicturesFromFilesTests()
    {
        DictionarySynthesizer.Synthesize(new DictionarySynthOptions
        {
            OutputFolder = DictionaryPath,
            Size = 32,
            LocalImages = 3,
            GlobalImages = SyntheticFamilies.SubgroupCount,
            Seed = 5,
        });
        _dictionary = DictionaryLoader.Load(DictionaryPath, new DictionaryLoadOptions()).Dictionary;
        foreach (var image in _dictionary.Local)
        {
            var flat = Enumerable.Range(0, 32 * 32).SelectMany(_ => new[] { Colour.R, Colour.G, Colour.B }).ToArray();
            File.WriteAllBytes(Path.Combine(DictionaryPath, image.ImagePath), PngImage.EncodeRgb(flat, 32, 32));
        }

        // Image 1: unit 1 peaks at row 1, column 2; unit 0 at row 3, column 0. Image 0 and 2 are silent.
        _maps[1, 1, 1, 2] = 10f;
        _maps[1, 0, 3, 0] = 8f;
        _maps[1, 0, 2, 0] = 2f;
        Directory.CreateDirectory(ActivationsPath);
        using var values = tensor(_maps.Cast<float>().ToArray(), [3, 2, MapSize, MapSize]);
        using var writer = new NpyWriter(Path.Combine(ActivationsPath, "local.npy"), NpyDataType.Float32, [3, 2, MapSize, MapSize]);
        writer.Append(values);
        writer.Complete();
    }

    private string DictionaryPath => _directory.Combine("dictionary");

    private string ActivationsPath => _directory.Combine("activations");

    [Fact]
    public void Make_BrightensExactlyTheThresholdedUpsampledRegion_AndDimsTheRest()
    {
        var pictures = Make(Results(DictionaryContentHash.Compute(_dictionary)));

        // Units by IoU (neither flagged): unit 1 (0.2) then unit 0 (0.1); images largest maximum first.
        Assert.Equal(
            [(1, _dictionary.Local[1].ImagePath, 10.0), (1, _dictionary.Local[0].ImagePath, 0.0), (0, _dictionary.Local[1].ImagePath, 8.0)],
            pictures.Select(p => (p.Unit, p.Image, p.Maximum)));
        Assert.All(pictures, p => Assert.Equal("act", p.Layer));
        AssertBrightIsB(pictures[0], image: 1, unit: 1, threshold: 5f);
        AssertBrightIsB(pictures[1], image: 0, unit: 1, threshold: 5f);
        AssertBrightIsB(pictures[2], image: 1, unit: 0, threshold: 3f);
    }

    [Fact]
    public void Make_KeepsTheCapOnImagesPerUnit()
    {
        var pictures = Make(Results(DictionaryContentHash.Compute(_dictionary)), imagesPerUnit: 1);

        Assert.Equal([(1, 10.0), (0, 8.0)], pictures.Select(p => (p.Unit, p.Maximum)));
    }

    [Fact]
    public void Make_RefusesADictionaryOtherThanTheResults()
    {
        var e = Assert.Throws<HndGateInputException>(() => Make(Results("sha256:" + new string('0', 64))));

        Assert.Contains("results were made with a dictionary of hash sha256:000", e.Message, StringComparison.Ordinal);
        Assert.Equal(DictionaryPath, e.File);
    }

    [Fact]
    public void Make_RefusesActivationsOfAnotherShape()
    {
        var results = Results(DictionaryContentHash.Compute(_dictionary));
        var layer = results.Layers[0];
        var wider = results with { Layers = [layer with { Units = [.. layer.Units, layer.Units[0] with { Unit = 2 }] }] };

        var e = Assert.Throws<HndGateInputException>(() => Make(wider));

        Assert.Contains("the results record 3 × 4 × 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_LeavesNoTensorAlive()
    {
        var results = Results(DictionaryContentHash.Compute(_dictionary));
        var before = LiveTensors.Settled();

        Make(results);

        Assert.Equal(before, Tensor.TotalCount);
    }

    public void Dispose() => _directory.Dispose();

    private IReadOnlyList<UnitPicture> Make(RecordedResults results, int imagesPerUnit = 4) =>
        new UnitPictures(new ImageFileDecoder(), new JsonSchemaValidator()).Make(new UnitPictureOptions
        {
            DictionaryPath = DictionaryPath,
            ActivationsDirectory = ActivationsPath,
            Results = results,
            ImagesPerUnit = imagesPerUnit,
            Device = "cpu",
            BatchSize = 1,
        });

    private RecordedResults Results(string dictionaryHash)
    {
        UnitRecord Unit(int unit, double threshold, double iou, TopImage[] images) =>
            new(unit, threshold, null, iou, false, null, [], [], images);
        UnitRecord[] units = [Unit(0, 3, 0.1, [new(1, 8)]), Unit(1, 5, 0.2, [new(1, 10), new(0, 0)])];
        return new RecordedResults(
            new DissectionFingerprint("test", "sha256:activations", "activations", dictionaryHash, "cpu", [new("lenient", "false"), new("precision", "float32")]),
            new DissectionSettings(0.005, 0.04, TallySize, TallySize, []),
            _dictionary.Local.Select(i => i.ImagePath).ToList(),
            [new RecordedLayer("act", MapSize, MapSize, 1, new LayerSummary(2, 0, 0, [], [], [], [], 2, []), units, [[], []])]);
    }

    private void AssertBrightIsB(UnitPicture picture, int image, int unit, float threshold)
    {
        using var decoded = Image.Load<Rgb24>(picture.Png);
        Assert.Equal((TallySize, TallySize), (decoded.Width, decoded.Height));
        var expected = 0;
        for (var y = 0; y < TallySize; y++)
        {
            for (var x = 0; x < TallySize; x++)
            {
                var active = NaiveUpsampled(image, unit, y, x) > threshold;
                expected += active ? 1 : 0;
                Assert.True(active == (decoded[x, y] == Colour), $"pixel ({x}, {y}): active {active}, colour {decoded[x, y]}");
            }
        }

        // The silent image has no active pixel; the others have some, but not all.
        Assert.Equal(image == 0, expected == 0);
        Assert.True(expected < TallySize * TallySize);
    }

    /// <summary>R3's bilinear (align_corners = false) in double, straight from the formula.</summary>
    private double NaiveUpsampled(int image, int unit, int y, int x)
    {
        static (int I0, int I1, double Lambda) Source(int d)
        {
            var src = Math.Max(0, ((d + 0.5) * MapSize / TallySize) - 0.5);
            var i0 = (int)Math.Floor(src);
            return (i0, Math.Min(i0 + 1, MapSize - 1), src - i0);
        }

        var (y0, y1, ly) = Source(y);
        var (x0, x1, lx) = Source(x);
        double At(int r, int c) => _maps[image, unit, r, c];
        return ((1 - ly) * (((1 - lx) * At(y0, x0)) + (lx * At(y0, x1)))) + (ly * (((1 - lx) * At(y1, x0)) + (lx * At(y1, x1))));
    }
}
