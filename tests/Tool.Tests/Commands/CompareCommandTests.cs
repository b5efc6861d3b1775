using System.Text.Json;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class CompareCommandTests : IClassFixture<DissectedResults>
{
    private readonly DissectedResults _results;

    public CompareCommandTests(DissectedResults results) => _results = results;

    [Fact]
    public void Compare_SaysNoMetricChanged_ForTheSameResults()
    {
        var run = CliRun.Of("compare", _results.Path, _results.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no metric changed\n0 units changed their labels\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Compare_ExitsTwo_NamingTheQuantileAndAllowMismatch_ForResultsAtAnotherQuantile()
    {
        var run = CliRun.Of("compare", _results.Path, _results.OtherQuantilePath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("quantile q (R2): the baseline's is 0.005, the current results' is 0.01", run.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-mismatch", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void Compare_ListsTheMismatchFirst_AndTheChangedMetrics_WithAllowMismatch()
    {
        var run = CliRun.Of("compare", _results.Path, _results.OtherQuantilePath, "--allow-mismatch");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("mismatch (allowed): quantile q (R2): the baseline's is 0.005, the current results' is 0.01", lines[0]);

        // Every metric line names the layer, and the change it prints is current − baseline.
        var changed = Changed();
        Assert.Equal(changed.Count == 0 ? "no metric changed" : $"{changed.Count} metrics changed (baseline → current):", lines[1]);
        Assert.Equal(changed.Count, lines.Count(l => l.StartsWith($"  {DissectedResults.Layer}  ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData]
    [InlineData("--json")]
    public void Compare_ExitsTwo_SayingNothingCouldBeCompared_ForResultsWithoutALayerInCommon_EvenWithAllowMismatch(params string[] more)
    {
        var run = CliRun.Of(["compare", _results.Path, _results.OtherLayerPath, "--allow-mismatch", .. more]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"error: nothing could be compared: the two results have no layer in common (the baseline {_results.Path} has {DissectedResults.Layer}; "
            + $"the current results {_results.OtherLayerPath} have {DissectedResults.OtherLayer}); dissect both with the same --layer\n",
            run.Error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("no metric changed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_PrintsParsableJson_WithEveryMetric_WhenAllIsGiven()
    {
        var run = CliRun.Of("compare", _results.Path, _results.OtherQuantilePath, "--allow-mismatch", "--all", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(_results.Path, root.GetProperty("baseline_path").GetString());
        Assert.Equal(_results.OtherQuantilePath, root.GetProperty("current").GetString());
        Assert.Contains("quantile q (R2)", Assert.Single(root.GetProperty("mismatches").EnumerateArray()).GetString(), StringComparison.Ordinal);
        var deltas = root.GetProperty("deltas").EnumerateArray().ToList();
        var current = Read().Current;
        Assert.Equal(LayerMetrics.Of(current.Layers.Single().Summary).Count, deltas.Count);
        Assert.All(deltas, d => Assert.Equal(d.GetProperty("current").GetDouble() - d.GetProperty("baseline").GetDouble(), d.GetProperty("delta").GetDouble(), 1e-9));
        Assert.Equal(Changed().Count, deltas.Count(d => d.GetProperty("delta").GetDouble() != 0));
    }

    /// <summary>The metrics whose values differ between the two files, read independently of the comparer.</summary>
    private List<string> Changed()
    {
        var (baseline, current) = Read();
        var before = LayerMetrics.Of(baseline.Layers.Single().Summary).ToDictionary(m => m.Key, m => m.Value);
        return LayerMetrics.Of(current.Layers.Single().Summary).Where(m => before[m.Key] != m.Value).Select(m => m.Key).ToList();
    }

    private (RecordedResults Baseline, RecordedResults Current) Read()
    {
        var validator = new JsonSchemaValidator();
        return (ResultsReader.Read(_results.Path, validator), ResultsReader.Read(_results.OtherQuantilePath, validator));
    }
}
