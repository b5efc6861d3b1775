using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sharding;
using HndGate.Engine.Formats;
using HndGate.Engine.Imaging;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection.Sharding;

/// <summary>Sharded phases and merges against the unsharded run, on activation files (no model: fast).</summary>
[Collection("Torch")]
public sealed class ShardedDissectorTests : IClassFixture<ShardingFixture>
{
    private readonly ShardingFixture _fixture;

    public ShardedDissectorTests(ShardingFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(3, 3)]
    [InlineData(22, 5)]
    public void Phases_MergeIntoTheUnshardedResults_ByteForByte_WhateverTheShardCounts(int phaseOneShards, int phaseTwoShards)
    {
        using var dir = new TemporaryDirectory();
        var unsharded = ResultsWriter.Serialize(RecordedResults.Of(new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(Options(dir))));

        var sharded = RunSharded(Options(dir), phaseOneShards, phaseTwoShards, dir);

        Assert.Equal(unsharded, sharded);
    }

    [Fact]
    public void PhaseOne_KeepsTheWholeLocalSetsK_AndTheExtremesOfItsOwnImagesOnly()
    {
        using var dir = new TemporaryDirectory();
        var folder = dir.Combine("phase1-2");

        new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(Options(dir) with { Shard = new Shard(2, 3), Phase = 1, OutputPath = folder });
        using var stored = StateFolder.ReadThresholds(folder, new JsonSchemaValidator());
        using var local = NpyReader.Open(Path.Combine(_fixture.ActivationsPath, "local.npy"));
        using var rows = local.ReadRows(6, 7);
        using var maxima = rows.amax([2, 3]);

        // R2: k over all 20 local images of 4 × 4 positions, not over the shard's 7.
        var k = Math.Max(1, (long)Math.Floor(0.005 * ShardingFixture.Local * 16));
        Assert.Equal(k, stored.Manifest.Plan.Layers[0].TopCount);
        Assert.Equal((new ImageRange(6, 7), new ImageRange(4, 4)), (stored.State.Local, stored.State.Global));
        Assert.Equal([ShardingFixture.Units, Math.Min(k, 7 * 16)], stored.State.Layers[0].Local.TopValues.shape);
        Assert.Equal(maxima.data<float>().ToArray(), stored.State.Layers[0].Local.Extremes.Maxima.data<float>().ToArray());
    }

    [Fact]
    public void PhaseTwo_RefusesThresholdsMadeWithOtherOptions_NamingTheFolderAndTheOption()
    {
        using var dir = new TemporaryDirectory();
        var thresholds = MergedThresholds(Options(dir) with { Quantile = 0.01 }, 2, dir);

        var e = Assert.Throws<HndGateInputException>(() => new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator())
            .Run(Options(dir) with { Shard = new Shard(1, 2), Phase = 2, ThresholdsPath = thresholds, OutputPath = dir.Combine("phase2-1") }));

        Assert.Equal(thresholds, e.File);
        Assert.Contains("made with other options (quantile = 0.01, not 0.005)", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("phase2-1")));
    }

    [Fact]
    public void Run_RecordsTheLibTorchThreadCountInEffect_InTheFingerprint()
    {
        using var dir = new TemporaryDirectory();
        var threads = get_num_threads();
        try
        {
            var pinned = new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(Options(dir) with { Threads = 1 });
            set_num_threads(3);
            var unpinned = new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(Options(dir));

            Assert.Contains(new KeyValuePair<string, string>("threads", "1"), pinned.Fingerprint.Options);
            Assert.Contains(new KeyValuePair<string, string>("threads", "3"), unpinned.Fingerprint.Options);
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void MergePhaseOne_RefusesShardsRunWithOtherThreadCounts_SayingToPinThem()
    {
        using var dir = new TemporaryDirectory();
        var threads = get_num_threads();
        try
        {
            var first = dir.Combine("phase1-1");
            var second = dir.Combine("phase1-2");
            new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(Options(dir) with { Threads = 1, Shard = new Shard(1, 2), Phase = 1, OutputPath = first });
            new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(Options(dir) with { Threads = 2, Shard = new Shard(2, 2), Phase = 1, OutputPath = second });

            var e = Assert.Throws<HndGateInputException>(() => new ShardMerger(new JsonSchemaValidator())
                .Thresholds(new MergeOptions { Phase = 1, Inputs = [first, second], OutputPath = dir.Combine("thresholds") }));

            Assert.Equal(second, e.File);
            Assert.Contains("another LibTorch thread count (2, not 1)", e.Message, StringComparison.Ordinal);
            Assert.Contains("the same --threads", e.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(dir.Combine("thresholds")));
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void PhaseTwo_RefusesThresholdsMadeWithAnotherThreadCount()
    {
        using var dir = new TemporaryDirectory();
        var threads = get_num_threads();
        try
        {
            var thresholds = MergedThresholds(Options(dir) with { Threads = 1 }, 2, dir);

            var e = Assert.Throws<HndGateInputException>(() => new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator())
                .Run(Options(dir) with { Threads = 2, Shard = new Shard(1, 2), Phase = 2, ThresholdsPath = thresholds, OutputPath = dir.Combine("phase2-1") }));

            Assert.Equal(thresholds, e.File);
            Assert.Contains("the thresholds were made with another LibTorch thread count (1, not 2)", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void PhasesAndMerges_LeaveNoTensorAlive()
    {
        using var dir = new TemporaryDirectory();
        var before = LiveTensors.Settled();

        RunSharded(Options(dir), 3, 2, dir);

        Assert.Equal(before, Tensor.TotalCount);
    }

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

    /// <summary>Every phase and merge of a sharded run; the shards are given to merge in reverse order.</summary>
    private static byte[] RunSharded(DissectOptions options, int phaseOneShards, int phaseTwoShards, TemporaryDirectory dir)
    {
        var thresholds = MergedThresholds(options, phaseOneShards, dir);
        var tallies = Phase(options, phaseTwoShards, 2, thresholds, dir);
        var results = new ShardMerger(new JsonSchemaValidator()).Results(new MergeOptions
        {
            Phase = 2,
            Inputs = tallies.Reverse().ToList(),
            ThresholdsPath = thresholds,
            OutputPath = dir.Combine("merged.json"),
        });
        return ResultsWriter.Serialize(RecordedResults.Of(results));
    }

    private static string MergedThresholds(DissectOptions options, int shards, TemporaryDirectory dir)
    {
        var states = Phase(options, shards, 1, null, dir);
        var thresholds = dir.Combine($"thresholds-{Guid.NewGuid():N}");
        new ShardMerger(new JsonSchemaValidator()).Thresholds(new MergeOptions { Phase = 1, Inputs = states.Reverse().ToList(), OutputPath = thresholds });
        return thresholds;
    }

    private static IReadOnlyList<string> Phase(DissectOptions options, int shards, int phase, string? thresholds, TemporaryDirectory dir)
    {
        var folders = new List<string>();
        var run = Guid.NewGuid().ToString("N");
        for (var i = 1; i <= shards; i++)
        {
            var folder = dir.Combine($"phase{phase}-{i}-{run}");
            new ShardedDissector(new ImageFileDecoder(), new JsonSchemaValidator())
                .Run(options with { Shard = new Shard(i, shards), Phase = phase, ThresholdsPath = thresholds, OutputPath = folder });
            folders.Add(folder);
        }

        return folders;
    }
}
