using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;
using HndGate.Engine.Reports;
using HndGate.Engine.Reports.Pictures;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Reports.Pictures;

/// <summary>
/// Pictures of a dissection of a seeded ResNet-18 at 64 px over a small synthetic dictionary, from the model and
/// from the activations the dissection saved. One dissection serves the class.
/// </summary>
[Collection("Torch")]
public sealed class UnitPicturesFromModelTests : IClassFixture<UnitPicturesFromModelTests.Dissected>
{
    private readonly Dissected _fixture;

    public UnitPicturesFromModelTests(Dissected fixture) => _fixture = fixture;

    [Fact]
    public void Make_PicturesTheChosenUnits_WithTheirTopImages_AtTheTallySize()
    {
        var pictures = Make(_fixture.Options());

        var layer = _fixture.Results.Layers[0];
        var expected = UnitSelection.Choose(layer, 5)
            .SelectMany(u => u.TopImages.Take(3).Select(t => (u.Unit, _fixture.Results.LocalImages[t.LocalImage], t.Maximum)))
            .ToList();
        Assert.Equal(15, expected.Count);
        Assert.Equal(expected, pictures.Select(p => (p.Unit, p.Image, p.Maximum)));
        Assert.All(pictures, p =>
        {
            Assert.Equal("layer3", p.Layer);
            using var image = Image.Load<Rgb24>(p.Png);
            Assert.Equal((64, 64), (image.Width, image.Height));
        });
    }

    [Fact]
    public void Make_GivesTheSameBytes_OnEveryRun()
    {
        var first = Make(_fixture.Options());
        var second = Make(_fixture.Options() with { BatchSize = 2 });

        Assert.Equal(first.Select(p => p.Png), second.Select(p => p.Png));
    }

    [Fact]
    public void Make_FromSavedActivations_DrawsWhatTheModelDraws()
    {
        var fromModel = Make(_fixture.Options());
        var fromFiles = Make(_fixture.Options() with { ModelCard = null, ActivationsDirectory = _fixture.SavedPath });

        Assert.Equal(fromModel.Select(p => p.Png), fromFiles.Select(p => p.Png));
    }

    [Fact]
    public void Make_NamesAnUnknownLayer()
    {
        var e = Assert.Throws<HndGateInputException>(() => Make(_fixture.Options() with { Layers = ["layer4"] }));

        Assert.Contains("no layer 'layer4': they hold layer3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_LeavesNoTensorAliveBeyondWhatBuildingTheModelLeaks()
    {
        // TorchSharp 0.107 leaves tensors behind when it builds a torchvision model (as DissectorTests measures).
        var beforeModel = LiveTensors.Settled();
        torchvision.models.resnet18().Dispose();
        var modelLeak = Tensor.TotalCount - beforeModel;

        var before = LiveTensors.Settled();
        Make(_fixture.Options());

        Assert.Equal(modelLeak, Tensor.TotalCount - before);
    }

    private static IReadOnlyList<UnitPicture> Make(UnitPictureOptions options) =>
        new UnitPictures(new ImageFileDecoder(), new JsonSchemaValidator()).Make(options);

    /// <summary>A 10-local synthetic dictionary at 64 px, a ResNet-18 card, and its dissection at layer3 (activations saved).</summary>
    public sealed class Dissected : IDisposable
    {
        private readonly TemporaryDirectory _directory = new();

        public Dissected()
        {
            DictionarySynthesizer.Synthesize(new DictionarySynthOptions
            {
                OutputFolder = DictionaryPath,
                Size = 64,
                LocalImages = 10,
                GlobalImages = SyntheticFamilies.SubgroupCount,
                Seed = 7,
            });
            File.WriteAllText(CardPath, """
                {
                  "format": "torchvision",
                  "architecture": "resnet18",
                  "seed": 11,
                  "input": { "size": 64, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] },
                  "layers": ["layer3"]
                }
                """);
            var saved = _directory.Combine("saved");
            Results = RecordedResults.Of(new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(new DissectOptions
            {
                DictionaryPath = DictionaryPath,
                ModelCard = CardPath,
                OutputPath = _directory.Combine("results.json"),
                SaveActivationsDirectory = saved,
                Device = "cpu",
                BatchSize = 4,
            }));
            SavedPath = Path.Combine(saved, "layer3");
        }

        public RecordedResults Results { get; }

        public string SavedPath { get; }

        private string DictionaryPath => _directory.Combine("dictionary");

        private string CardPath => _directory.Combine("hnd-model.json");

        public UnitPictureOptions Options() => new()
        {
            DictionaryPath = DictionaryPath,
            ModelCard = CardPath,
            Results = Results,
            UnitsPerLayer = 5,
            ImagesPerUnit = 3,
            Device = "cpu",
            BatchSize = 4,
        };

        public void Dispose() => _directory.Dispose();
    }
}
