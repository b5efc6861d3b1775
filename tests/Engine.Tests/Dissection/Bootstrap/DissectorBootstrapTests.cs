using System.Text;
using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sharding;
using HndGate.Engine.Imaging;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using HndGate.Engine.Tests.Dissection.Sharding;
using Xunit;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection.Bootstrap;

/// <summary>The bootstrap through a whole run on activation files (no model: fast), and its results file.</summary>
[Collection("Torch")]
public sealed class DissectorBootstrapTests : IClassFixture<ShardingFixture>
{
    private readonly ShardingFixture _fixture;

    public DissectorBootstrapTests(ShardingFixture fixture) => _fixture = fixture;

    [Fact]
    public void Run_WithoutBootstrap_WritesNoBootstrapObject_AndRecordsNoBootstrapOption()
    {
        using var dir = new TemporaryDirectory();

        var results = Dissect(Options(dir));

        Assert.Null(results.Bootstrap);
        Assert.DoesNotContain(results.Fingerprint.Options, o => o.Key is "bootstrap" or "seed");
        Assert.DoesNotContain("bootstrap", Encoding.UTF8.GetString(ResultsWriter.Serialize(RecordedResults.Of(results))), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithBootstrap_ChangesNoValue_AndGivesAnIntervalForEveryMetricOfEveryLayer()
    {
        using var dir = new TemporaryDirectory();
        var plain = Dissect(Options(dir));

        var results = Dissect(Options(dir) with { Bootstrap = 12, Seed = 5 });

        var options = results.Fingerprint.Options.Where(o => o.Key is not ("bootstrap" or "seed")).ToList();
        Assert.Equal(
            ResultsWriter.Serialize(RecordedResults.Of(plain)),
            ResultsWriter.Serialize(RecordedResults.Of(results with { Bootstrap = null, Fingerprint = results.Fingerprint with { Options = options } })));
        Assert.Contains(new KeyValuePair<string, string>("bootstrap", "12"), results.Fingerprint.Options);
        Assert.Contains(new KeyValuePair<string, string>("seed", "5"), results.Fingerprint.Options);
        var bootstrap = results.Bootstrap!;
        Assert.Equal((12, 5L, 0.95), (bootstrap.Replicates, bootstrap.Seed, bootstrap.Level));
        Assert.Equal(["layer3"], bootstrap.Layers.Select(l => l.Layer));
        Assert.Equal(LayerMetrics.Of(results.Layers[0].Result.Summary).Select(m => m.Key), bootstrap.Layers[0].Metrics.Select(m => m.Key));
        Assert.Contains(bootstrap.Layers[0].Metrics, m => m.Upper > m.Lower);
    }

    [Fact]
    public void Run_WritesTheSameBytes_ForTheSameSeed_AndOtherIntervalsForAnotherSeed()
    {
        using var dir = new TemporaryDirectory();

        var first = Dissect(Options(dir) with { Bootstrap = 20, Seed = 7 });
        var again = Dissect(Options(dir) with { Bootstrap = 20, Seed = 7, BatchSize = 3 });
        var other = Dissect(Options(dir) with { Bootstrap = 20, Seed = 8 });

        Assert.Equal(ResultsWriter.Serialize(RecordedResults.Of(first)), ResultsWriter.Serialize(RecordedResults.Of(again)));
        Assert.NotEqual(first.Bootstrap!.Layers[0].Metrics, other.Bootstrap!.Layers[0].Metrics);
    }

    [Fact]
    public void Run_RefusesBootstrapWithAShard_SayingToRunItUnsharded()
    {
        using var dir = new TemporaryDirectory();

        var e = Assert.Throws<HndGateInputException>(() => new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator())
            .Run(Options(dir) with { Shard = new Shard(1, 2), Phase = 1, Bootstrap = 10, OutputPath = dir.Combine("phase1-1") }));

        Assert.Contains("--bootstrap is not available with --shard", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("phase1-1")));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(DissectOptions.MaxBootstrap + 1)]
    public void Validate_RefusesAReplicateCountOutOfRange_NamingTheOption(int replicates)
    {
        using var dir = new TemporaryDirectory();

        var e = Assert.Throws<HndGateInputException>(() => (Options(dir) with { Bootstrap = replicates }).Validate());

        Assert.StartsWith($"--bootstrap {replicates} must be between 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithBootstrap_LeavesNoTensorAlive()
    {
        using var dir = new TemporaryDirectory();
        var before = LiveTensors.Settled();

        Dissect(Options(dir) with { Bootstrap = 5 });

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void ReadBack_GivesTheIntervalsRoundedToSixDigits()
    {
        using var dir = new TemporaryDirectory();
        var results = Dissect(Options(dir) with { Bootstrap = 15, Seed = 3 });
        ResultsWriter.Write(results, dir.Combine("results.json"));

        var read = ResultsReader.Read(dir.Combine("results.json"), new JsonSchemaValidator());

        var written = results.Bootstrap!;
        Assert.Equal((written.Replicates, written.Seed, written.Level), (read.Bootstrap!.Replicates, read.Bootstrap.Seed, read.Bootstrap.Level));
        Assert.Equal(
            written.Layers[0].Metrics.Select(m => new MetricInterval(m.Key, ResultRounding.Round(m.Lower, "/"), ResultRounding.Round(m.Upper, "/"))),
            read.Bootstrap.Layers[0].Metrics);
        Assert.Equal(ResultsWriter.Serialize(RecordedResults.Of(results)), ResultsWriter.Serialize(read));
    }

    [Fact]
    public void Read_RefusesAnIntervalWhoseLowerEndIsAboveItsUpperEnd_NamingItsPointer()
    {
        using var dir = new TemporaryDirectory();
        var results = Dissect(Options(dir) with { Bootstrap = 4 });
        var text = Encoding.UTF8.GetString(ResultsWriter.Serialize(RecordedResults.Of(results)));
        var interval = results.Bootstrap!.Layers[0].Metrics[0];
        var line = FormattableString.Invariant($"\"coverage_hnd\": {{\"lower\":{ResultRounding.Round(interval.Lower, "/"):R},\"upper\":{ResultRounding.Round(interval.Upper, "/"):R}}}");
        Assert.Contains(line, text, StringComparison.Ordinal);
        File.WriteAllText(dir.Combine("damaged.json"), text.Replace(line, "\"coverage_hnd\": {\"lower\":0.9,\"upper\":0.1}", StringComparison.Ordinal));

        var e = Assert.Throws<HndGateInputException>(() => ResultsReader.Read(dir.Combine("damaged.json"), new JsonSchemaValidator()));

        Assert.Equal("/bootstrap/layers/layer3/coverage_hnd", e.JsonPointer);
        Assert.Contains("lower end 0.9 above its upper end 0.1", e.Message, StringComparison.Ordinal);
    }

    private static DissectionResults Dissect(DissectOptions options) =>
        new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(options);

    private DissectOptions Options(TemporaryDirectory dir) => new()
    {
        DictionaryPath = _fixture.DictionaryPath,
        ActivationsDirectory = _fixture.ActivationsPath,
        ActivationsLayerName = "layer3",
        TallySize = 32,
        OutputPath = dir.Combine("results.json"),
        Device = "cpu",
        BatchSize = 4,
    };
}
