using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sharding;
using HndGate.Engine.Formats;
using HndGate.Engine.Schemas;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection.Sharding;

[Collection("Torch")]
public sealed class StateFolderTests
{
    [Fact]
    public void Thresholds_RoundTripExactly_WithTheirHashChangingWithAnyValue()
    {
        using var dir = new TemporaryDirectory();
        var first = dir.Combine("a");
        var second = dir.Combine("b");
        using (var state = State([0.1f, -2f, 3.3f, 0.7f, 1e-7f, 5f]))
        {
            StateFolder.WriteThresholds(first, Manifest(state.Plan), state);
        }

        using (var state = State([0.1f, -2f, 3.3f, 0.7f, 1e-7f, 5.000001f]))
        {
            StateFolder.WriteThresholds(second, Manifest(state.Plan), state);
        }

        using var a = StateFolder.ReadThresholds(first, new JsonSchemaValidator());
        using var b = StateFolder.ReadThresholds(second, new JsonSchemaValidator());
        using var t = a.State.Layers[0].Local.Thresholds();

        // Units are rows of the 3 images × 2 units: unit 0 saw 0.1, 3.3, 1e-7 and unit 1 saw -2, 0.7, 5; k = 1.
        Assert.Equal([3.3f, 5f], t.data<float>().ToArray());
        Assert.Equal([0.1f, -2f, 3.3f, 0.7f, 1e-7f, 5f], a.State.Layers[0].Local.Extremes.Maxima.data<float>().ToArray());
        Assert.StartsWith("sha256:", a.Hash, StringComparison.Ordinal);
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void ReadThresholds_RefusesAnArrayOfAnotherShape_NamingTheFile()
    {
        using var dir = new TemporaryDirectory();
        var folder = dir.Combine("state");
        using (var state = State([1, 2, 3, 4, 5, 6]))
        {
            StateFolder.WriteThresholds(folder, Manifest(state.Plan), state);
        }

        var maxima = Path.Combine(folder, "layers", "0", "local-maxima.npy");
        using (var wrong = zeros(2, 2))
        using (var writer = new NpyWriter(maxima, NpyDataType.Float32, [2, 2]))
        {
            writer.Append(wrong);
            writer.Complete();
        }

        var e = Assert.Throws<HndGateInputException>(() => StateFolder.ReadThresholds(folder, new JsonSchemaValidator()));

        Assert.Equal(maxima, e.File);
        Assert.Contains("Float32 (2, 2) but the manifest needs Float32 (3, 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadThresholds_RefusesAFolderWithAFileMissing()
    {
        using var dir = new TemporaryDirectory();
        var folder = dir.Combine("state");
        using (var state = State([1, 2, 3, 4, 5, 6]))
        {
            StateFolder.WriteThresholds(folder, Manifest(state.Plan), state);
        }

        var top = Path.Combine(folder, "layers", "0", "top.npy");
        File.Delete(top);

        var e = Assert.Throws<HndGateInputException>(() => StateFolder.ReadThresholds(folder, new JsonSchemaValidator()));

        Assert.Equal(top, e.File);
        Assert.Contains("incomplete", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RefusesAFolderOfOtherFiles_AndLeavesThemAlone()
    {
        using var dir = new TemporaryDirectory();
        var mine = dir.Combine("mine.txt");
        File.WriteAllText(mine, "keep me");
        using var state = State([1, 2, 3, 4, 5, 6]);

        var e = Assert.Throws<HndGateInputException>(() => StateFolder.WriteThresholds(dir.Path, Manifest(state.Plan), state));

        Assert.Contains("holds other files", e.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(mine));
    }

    [Fact]
    public void Write_RefusesAnOutputThatIsAFile()
    {
        using var dir = new TemporaryDirectory();
        var file = dir.Combine("results.json");
        File.WriteAllText(file, "{}");
        using var state = State([1, 2, 3, 4, 5, 6]);

        var e = Assert.Throws<HndGateInputException>(() => StateFolder.WriteThresholds(file, Manifest(state.Plan), state));

        Assert.Equal(file, e.File);
        Assert.Equal("{}", File.ReadAllText(file));
    }

    [Fact]
    public void Write_ReplacesAnEarlierState_LeavingNoTemporaryFolderBehind()
    {
        using var dir = new TemporaryDirectory();
        var folder = dir.Combine("state");
        using (var earlier = State([1, 2, 3, 4, 5, 6]))
        {
            StateFolder.WriteThresholds(folder, Manifest(earlier.Plan), earlier);
        }

        using (var later = State([6, 5, 4, 3, 2, 1]))
        {
            StateFolder.WriteThresholds(folder, Manifest(later.Plan), later);
        }

        using var read = StateFolder.ReadThresholds(folder, new JsonSchemaValidator());

        Assert.Equal([6f, 5, 4, 3, 2, 1], read.State.Layers[0].Local.Extremes.Maxima.data<float>().ToArray());
        Assert.Equal([folder], Directory.EnumerateFileSystemEntries(dir.Path));
        Assert.Equal([ShardManifest.FileName, "layers"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tally_KeepsCountsExact_BeyondWhatFloatsHold()
    {
        using var dir = new TemporaryDirectory();
        var folder = dir.Combine("tally");
        var plan = TinyPlan.Make();
        var shard = new Shard(1, 2);
        long big = (1L << 40) + 3;
        var counts = new IouCounts(TinyPlan.Units, 2, 1, [big, 0, 7, 1], [big + 9, 4, 9, 2]);
        var manifest = new ShardManifest(ShardContent.Phase2, shard, plan, shard.Range(3), new ImageRange(0, 0), "sha256:" + new string('a', 64));

        StateFolder.WriteTally(folder, manifest, [counts]);
        var read = StateFolder.ReadTally(folder, new JsonSchemaValidator());

        Assert.Equal(counts.Intersections, read.Counts[0].Intersections);
        Assert.Equal(counts.Unions, read.Counts[0].Unions);
        Assert.Equal(1, read.Counts[0].Images);
    }

    /// <summary>A complete state of the tiny plan: 3 local images × 2 units of 1 × 1 maps, 3 global images.</summary>
    private static ThresholdState State(float[] localValues)
    {
        var plan = TinyPlan.Make();
        var state = ThresholdState.Empty(plan, ImageRange.All(3), ImageRange.All(3), CPU);
        using var local = tensor(localValues, [3, TinyPlan.Units, 1, 1]);
        using var global = ones(3, TinyPlan.Units, 1, 1);
        state.Layers[0].Local.Add(local);
        state.Layers[0].Global!.Add(global);
        return state;
    }

    private static ShardManifest Manifest(DissectionPlan plan) =>
        new(ShardContent.Thresholds, null, plan, ImageRange.All(3), ImageRange.All(3), null);
}
