using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

/// <summary>
/// End to end: a seeded torchvision ResNet-18 over a small synthetic dictionary, through every pass.
/// One dictionary serves the class (it takes a few seconds to make).
/// </summary>
[Collection("Torch")]
public sealed class DissectorTests : IClassFixture<DissectorTests.SmallDictionary>
{
    private readonly SmallDictionary _fixture;

    public DissectorTests(SmallDictionary fixture) => _fixture = fixture;

    [Fact]
    public void Run_DissectsEveryRequestedLayer_WithTheMapSizesOfA64PixelInput()
    {
        var results = Dissect(_fixture.Options());

        Assert.Equal(["layer3", "layer4.1.conv1"], results.Layers.Select(l => l.Name));
        Assert.Equal((256, 4, 4), (results.Layers[0].Result.Units.Count, results.Layers[0].MapHeight, results.Layers[0].MapWidth));
        Assert.Equal((512, 2, 2), (results.Layers[1].Result.Units.Count, results.Layers[1].MapHeight, results.Layers[1].MapWidth));
        Assert.Equal(SmallDictionary.Local, results.LocalImages.Count);
        Assert.Equal(64, results.Settings.TallySize);
        // R2: k = max(1, floor(q · N · h · w)).
        Assert.Equal(Math.Max(1, (long)Math.Floor(0.005 * SmallDictionary.Local * 16)), results.Layers[0].Result.TopCount);
        Assert.All(results.Layers, l => Assert.InRange(l.Result.Summary.CoverageNetDissect, 0.0, 1.0));
        Assert.Contains(results.Fingerprint.Options, o => o.Key == "layers" && o.Value == "layer3,layer4.1.conv1");
    }

    [Fact]
    public void Run_GivesTheSameCounts_WhetherActivationsStayInMemoryOrSpillToDisk()
    {
        var inMemory = Dissect(_fixture.Options());
        var spilled = Dissect(_fixture.Options() with { MemoryBudget = 0 });

        AssertSameLayers(inMemory, spilled);
    }

    [Theory]
    [InlineData(1L << 30)]
    [InlineData(100_000L)]
    [InlineData(0L)]
    public void Run_TellsWhereTheCacheLivesAndWhatSpills_BeforeThePasses(long budget)
    {
        var uses = new List<ActivationCacheUse>();
        new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(_fixture.Options() with { MemoryBudget = budget }, cacheTaken: uses.Add);

        var use = Assert.Single(uses);
        Assert.Equal((DeviceType.CPU, budget, "--memory-budget"), (use.Placement.Device.type, use.Placement.BudgetBytes, use.Placement.Reason));
        // Two layers of float16 rows: layer3 256 × 4 × 4, layer4.1.conv1 512 × 2 × 2; each layer gets half the budget.
        long[] rowBytes = [256 * 4 * 4 * 2, 512 * 2 * 2 * 2];
        var kept = rowBytes.Sum(row => Math.Min(SmallDictionary.Local, budget / 2 / row) * row);
        Assert.Equal(kept, use.KeptBytes);
        Assert.Equal(rowBytes.Sum() * SmallDictionary.Local, use.KeptBytes + use.SpilledBytes);
    }

    [Fact]
    public void Run_TakesNoCache_WithNoCache()
    {
        var uses = new List<ActivationCacheUse>();
        new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(_fixture.Options() with { Layers = ["layer4.1.conv1"], NoCache = true }, cacheTaken: uses.Add);

        Assert.Empty(uses);
    }

    [Fact]
    public void Run_FromSavedActivationFiles_ReproducesTheModelRun()
    {
        using var saved = new TemporaryDirectory();
        var fromModel = Dissect(_fixture.Options() with { Layers = ["layer3"], SaveActivationsDirectory = saved.Path });

        var fromFiles = Dissect(_fixture.Options() with
        {
            ModelCard = null,
            Layers = [],
            ActivationsDirectory = Path.Combine(saved.Path, "layer3"),
            ActivationsLayerName = "layer3",
            TallySize = 64,
        });

        AssertSameLayers(fromModel, fromFiles);
        Assert.Equal("activations", fromFiles.Fingerprint.Model);
    }

    [Fact]
    public void Run_StopsWithAPlainMessage_WhenActivationsAreNotFinite()
    {
        using var saved = new TemporaryDirectory();
        Dissect(_fixture.Options() with { Layers = ["layer4.1.conv1"], SaveActivationsDirectory = saved.Path });
        var local = Path.Combine(saved.Path, "layer4.1.conv1", "local.npy");
        using (var scope = NewDisposeScope())
        using (var reader = HndGate.Engine.Formats.NpyReader.Open(local))
        using (var all = reader.ReadRows(0, reader.Header.Shape[0]))
        using (var writer = new HndGate.Engine.Formats.NpyWriter(local + ".nan", HndGate.Engine.Formats.NpyDataType.Float32, reader.Header.Shape))
        {
            all[3, 7, 1, 1] = tensor(float.NaN);
            writer.Append(all);
            writer.Complete();
        }

        File.Move(local + ".nan", local, overwrite: true);

        var e = Assert.Throws<HndGateRuntimeException>(() => Dissect(_fixture.Options() with
        {
            ModelCard = null,
            Layers = [],
            ActivationsDirectory = Path.Combine(saved.Path, "layer4.1.conv1"),
            ActivationsLayerName = "layer4.1.conv1",
            TallySize = 64,
        }));

        Assert.Contains("NaN or infinite activations on the local images", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RecomputingWithoutTheCache_StaysWithinFloat16OfTheCachedRun()
    {
        var cached = Dissect(_fixture.Options() with { Layers = ["layer3"] });
        var recomputed = Dissect(_fixture.Options() with { Layers = ["layer3"], NoCache = true });

        var a = cached.Layers[0].Result.Units.Select(u => u.Threshold);
        var b = recomputed.Layers[0].Result.Units.Select(u => u.Threshold);
        // The cache keeps float16: thresholds agree to its relative precision (2^-11).
        Assert.All(a.Zip(b), p => Assert.True(Math.Abs(p.First - p.Second) <= Math.Abs(p.Second) * 1e-3 + 1e-6, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void Run_LeavesNoTensorAliveBeyondWhatBuildingTheModelLeaks()
    {
        // TorchSharp 0.107 itself leaves tensors behind when it builds a torchvision model (its weight
        // initialisation); measure that, then require the dissection to leave nothing more.
        var beforeModel = LiveTensors.Settled();
        torchvision.models.resnet18().Dispose();
        var modelLeak = Tensor.TotalCount - beforeModel;

        var before = LiveTensors.Settled();
        Dissect(_fixture.Options() with { Layers = ["layer4.1.conv1"], MemoryBudget = 1024 });

        Assert.Equal(modelLeak, Tensor.TotalCount - before);
    }

    [Fact]
    public void Run_NamesTheMissingLayer_AndSuggestsNeighbours()
    {
        var e = Assert.Throws<HndGateInputException>(() => Dissect(_fixture.Options() with { Layers = ["layer4.1.conv"] }));

        Assert.Contains("layer4.1.conv1", e.Message, StringComparison.Ordinal);
    }

    private static DissectionResults Dissect(DissectOptions options) =>
        new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(options);

    private static void AssertSameLayers(DissectionResults expected, DissectionResults actual)
    {
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        foreach (var (e, a) in expected.Layers.Zip(actual.Layers))
        {
            Assert.Equal(e.Result.Iou.Intersections, a.Result.Iou.Intersections);
            Assert.Equal(e.Result.Iou.Unions, a.Result.Iou.Unions);
            Assert.Equal(e.Result.Units.Select(u => u.Threshold), a.Result.Units.Select(u => u.Threshold));
            Assert.Equal(
                e.Result.Units.SelectMany(u => u.Families.SelectMany(f => f.Subgroups.Select(s => s.Probability))),
                a.Result.Units.SelectMany(u => u.Families.SelectMany(f => f.Subgroups.Select(s => s.Probability))));
            Assert.Equal(e.Result.Summary.CoverageHnd, a.Result.Summary.CoverageHnd);
        }
    }

    /// <summary>A 48-local, 32-global synthetic dictionary at 64 px and a ResNet-18 card, made once.</summary>
    public sealed class SmallDictionary : IDisposable
    {
        public const int Local = 48;

        private readonly TemporaryDirectory _directory = new();

        public SmallDictionary()
        {
            DictionarySynthesizer.Synthesize(new DictionarySynthOptions
            {
                OutputFolder = DictionaryPath,
                Size = 64,
                LocalImages = Local,
                GlobalImages = 32,
                Seed = 3,
            });
            File.WriteAllText(CardPath, """
                {
                  "format": "torchvision",
                  "architecture": "resnet18",
                  "seed": 11,
                  "input": { "size": 64, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] },
                  "layers": ["layer3", "layer4.1.conv1"]
                }
                """);
        }

        public string DictionaryPath => _directory.Combine("dictionary");

        public string CardPath => _directory.Combine("hnd-model.json");

        public DissectOptions Options() => new()
        {
            DictionaryPath = DictionaryPath,
            ModelCard = CardPath,
            OutputPath = _directory.Combine("results.json"),
            Device = "cpu",
            BatchSize = 16,
        };

        public void Dispose() => _directory.Dispose();
    }
}
