using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dissection.Sharding;

namespace HndGate.Tool.Tests.Commands;

/// <summary>
/// Sharded dissection through the command line: 'dissect --shard i/n --phase 1|2' and 'merge --phase 1|2'
/// against the unsharded 'dissect', byte for byte, and the refusals that keep parts of runs apart.
/// </summary>
[Collection("Torch")]
public sealed class MergeCommandTests : IClassFixture<ShardingFixture>
{
    private readonly ShardingFixture _fixture;

    public MergeCommandTests(ShardingFixture fixture) => _fixture = fixture;

    [Fact]
    public void ShardedModelRun_MergesIntoResultsByteIdenticalToTheUnshardedRun()
    {
        using var dir = new TemporaryDirectory();
        string[] model = ["--model", _fixture.CardPath, "--layer", "layer3", "--device", "cpu", "--batch", "16"];
        var unsharded = CliRun.Of(["dissect", .. Dissect(model), "--out", dir.Combine("unsharded.json")]);

        var merged = RunSharded(dir, model, 3);

        Assert.Equal(0, unsharded.ExitCode);
        Assert.Contains("\"precision\": \"float16\"", File.ReadAllText(merged), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(dir.Combine("unsharded.json")), File.ReadAllBytes(merged));
    }

    [Fact]
    public void ShardedActivationsRun_MergesIntoResultsByteIdenticalToTheUnshardedRun()
    {
        using var dir = new TemporaryDirectory();
        var unsharded = CliRun.Of(["dissect", .. Dissect(Activations()), "--out", dir.Combine("unsharded.json")]);

        var merged = RunSharded(dir, Activations(), 3);

        Assert.Equal(0, unsharded.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.Combine("unsharded.json")), File.ReadAllBytes(merged));
    }

    [Fact]
    public void MergePhase1_ExitsTwo_NamingAShardOfAnotherDictionary()
    {
        using var dir = new TemporaryDirectory();
        var states = PhaseOne(dir, 3);
        var other = dir.Combine("other-2");
        Assert.Equal(0, CliRun.Of(["dissect", .. Dissect(Activations(), _fixture.OtherDictionaryPath), "--shard", "2/3", "--phase", "1", "--out", other]).ExitCode);

        var run = CliRun.Of("merge", "--phase", "1", "--out", dir.Combine("thresholds"), states[0], other, states[2]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{other}: the shard was made with another dictionary", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("thresholds")));
    }

    [Fact]
    public void MergePhase1_ExitsTwo_WhenAShardIsMissing()
    {
        using var dir = new TemporaryDirectory();
        var states = PhaseOne(dir, 3);

        var run = CliRun.Of("merge", "--phase", "1", "--out", dir.Combine("thresholds"), states[0], states[2]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("shard 2/3 is missing", run.Error, StringComparison.Ordinal);
        Assert.Contains(states[2], run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MergePhase1_ExitsTwo_WhenAShardIsGivenTwice()
    {
        using var dir = new TemporaryDirectory();
        var states = PhaseOne(dir, 3);
        var copy = dir.Combine("copy-of-2");
        CopyFolder(states[1], copy);

        var run = CliRun.Of("merge", "--phase", "1", "--out", dir.Combine("thresholds"), states[0], states[1], copy, states[2]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{copy}: both this folder and {states[1]} are shard 2/3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ExitsTwo_ForTheOtherPhasesFolders()
    {
        using var dir = new TemporaryDirectory();
        var states = PhaseOne(dir, 2);
        var thresholds = dir.Combine("thresholds");
        Assert.Equal(0, CliRun.Of(["merge", "--phase", "1", "--out", thresholds, .. states]).ExitCode);
        var tally = dir.Combine("tally-1");
        Assert.Equal(0, CliRun.Of(["dissect", .. Dissect(Activations()), "--shard", "1/2", "--phase", "2", "--thresholds", thresholds, "--out", tally]).ExitCode);

        var phase1WithTally = CliRun.Of("merge", "--phase", "1", "--out", dir.Combine("t2"), states[0], tally);
        var phase2WithStates = CliRun.Of(["merge", "--phase", "2", "--thresholds", thresholds, "--out", dir.Combine("r.json"), .. states]);
        var phase2WithStateAsThresholds = CliRun.Of(["dissect", .. Dissect(Activations()), "--shard", "1/2", "--phase", "2", "--thresholds", states[0], "--out", dir.Combine("t")]);

        Assert.Equal((2, 2, 2), (phase1WithTally.ExitCode, phase2WithStates.ExitCode, phase2WithStateAsThresholds.ExitCode));
        Assert.Contains($"{tally}: this is the phase-2 tally of shard 1/2", phase1WithTally.Error, StringComparison.Ordinal);
        Assert.Contains($"{states[0]}: this is the phase-1 state of shard 1/2, not a phase-2 tally", phase2WithStates.Error, StringComparison.Ordinal);
        Assert.Contains($"{states[0]}: this is the phase-1 state of shard 1/2, not merged thresholds", phase2WithStateAsThresholds.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MergePhase2_ExitsTwo_ForATallyMadeAgainstOtherThresholds()
    {
        using var dir = new TemporaryDirectory();
        var thresholds = dir.Combine("thresholds");
        Assert.Equal(0, CliRun.Of(["merge", "--phase", "1", "--out", thresholds, .. PhaseOne(dir, 2)]).ExitCode);
        var tallies = Enumerable.Range(1, 2).Select(i => dir.Combine($"tally-{i}")).ToList();
        foreach (var (tally, i) in tallies.Select((t, i) => (t, i + 1)))
        {
            Assert.Equal(0, CliRun.Of(["dissect", .. Dissect(Activations()), "--shard", $"{i}/2", "--phase", "2", "--thresholds", thresholds, "--out", tally]).ExitCode);
        }

        // Other thresholds of the same run: one stored value changed.
        var altered = dir.Combine("altered");
        CopyFolder(thresholds, altered);
        var top = Path.Combine(altered, "layers", "0", "top.npy");
        var bytes = File.ReadAllBytes(top);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(top, bytes);

        var run = CliRun.Of(["merge", "--phase", "2", "--thresholds", altered, "--out", dir.Combine("r.json"), .. tallies]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{tallies[0]}: the tally was made against other thresholds", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("r.json")));
    }

    [Theory]
    [InlineData(new[] { "--shard", "1/3" }, "--shard 1/3 needs --phase 1 or --phase 2")]
    [InlineData(new[] { "--phase", "1" }, "--phase needs --shard i/n")]
    [InlineData(new[] { "--shard", "0/3", "--phase", "1" }, "--shard '0/3' is not i/n")]
    [InlineData(new[] { "--shard", "4/3", "--phase", "1" }, "--shard '4/3' is not i/n")]
    [InlineData(new[] { "--shard", "1/3", "--phase", "3" }, "--phase 3 must be 1")]
    [InlineData(new[] { "--shard", "1/3", "--phase", "2" }, "--phase 2 needs --thresholds DIR")]
    [InlineData(new[] { "--shard", "1/3", "--phase", "1", "--thresholds", "t" }, "--thresholds is for --phase 2")]
    public void Dissect_ExitsTwo_ForShardOptionsThatDoNotFit(string[] options, string expected)
    {
        var run = CliRun.Of(["dissect", .. Dissect(Activations()), .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--phase", "2", "x" }, "merge --phase 2 needs --thresholds DIR")]
    [InlineData(new[] { "--phase", "1" }, "give the state folders of every shard's phase 1")]
    [InlineData(new[] { "--phase", "1", "no-such-folder" }, "no-such-folder: the state folder does not exist")]
    public void Merge_ExitsTwo_ForArgumentsThatDoNotFit(string[] arguments, string expected)
    {
        var run = CliRun.Of(["merge", .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MergePhase1_ExitsThreeAndWritesNothing_WhenCancelledAfterTheFirstShard()
    {
        using var dir = new TemporaryDirectory();
        var states = PhaseOne(dir, 2);
        using var stop = new CancellationTokenSource();
        using var error = new CancellingWriter("merging shards: ", stop);

        var code = HndGateApp.Run(["merge", "--phase", "1", "--out", dir.Combine("thresholds"), .. states], TextWriter.Null, error, stop.Token);

        Assert.Equal(3, code);
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("thresholds")));
    }

    [Fact]
    public void Help_ShowsAGitHubStyleTwoPhaseExample()
    {
        var run = CliRun.Of("merge", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("hnd-gate merge --phase 2 --thresholds thresholds --out results.json", run.Output, StringComparison.Ordinal);
    }

    private string[] Activations() => ["--activations", _fixture.ActivationsPath, "--layer-name", "layer3", "--tally-size", "32", "--device", "cpu", "--batch", "4"];

    private string[] Dissect(string[] source, string? dictionary = null) => ["--dictionary", dictionary ?? _fixture.DictionaryPath, .. source, "--quiet"];

    private List<string> PhaseOne(TemporaryDirectory dir, int shards)
    {
        var states = Enumerable.Range(1, shards).Select(i => dir.Combine($"phase1-{i}")).ToList();
        for (var i = 1; i <= shards; i++)
        {
            var run = CliRun.Of(["dissect", .. Dissect(Activations()), "--shard", $"{i}/{shards}", "--phase", "1", "--out", states[i - 1]]);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        return states;
    }

    /// <summary>Both phases and both merges over n shards; the shards go to merge in reverse order.</summary>
    private string RunSharded(TemporaryDirectory dir, string[] source, int shards)
    {
        var thresholds = dir.Combine("thresholds");
        var results = dir.Combine("merged.json");
        var states = new List<string>();
        var tallies = new List<string>();
        for (var i = 1; i <= shards; i++)
        {
            states.Add(dir.Combine($"phase1-{i}"));
            Assert.Equal(0, CliRun.Of(["dissect", .. Dissect(source), "--shard", $"{i}/{shards}", "--phase", "1", "--out", states[^1]]).ExitCode);
        }

        var merge1 = CliRun.Of(["merge", "--phase", "1", "--out", thresholds, .. Enumerable.Reverse(states)]);
        Assert.True(merge1.ExitCode == 0, merge1.Error);
        for (var i = 1; i <= shards; i++)
        {
            tallies.Add(dir.Combine($"phase2-{i}"));
            Assert.Equal(0, CliRun.Of(["dissect", .. Dissect(source), "--shard", $"{i}/{shards}", "--phase", "2", "--thresholds", thresholds, "--out", tallies[^1]]).ExitCode);
        }

        var merge2 = CliRun.Of(["merge", "--phase", "2", "--thresholds", thresholds, "--out", results, .. Enumerable.Reverse(tallies)]);
        Assert.True(merge2.ExitCode == 0, merge2.Error);
        return results;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
