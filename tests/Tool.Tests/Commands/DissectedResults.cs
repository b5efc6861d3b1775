using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dissection;

namespace HndGate.Tool.Tests.Commands;

/// <summary>
/// A results file made once by <c>hnd-gate dissect</c> (one layer of the small dictionary's random model) for
/// the tests of the commands that read results; a second one at another quantile is made when first asked for.
/// </summary>
public sealed class DissectedResults : IDisposable
{
    public const string Layer = "layer4.1.conv1";

    /// <summary>The layer of <see cref="OtherLayerPath"/>.</summary>
    public const string OtherLayer = "layer3.1.conv1";

    private readonly TemporaryDirectory _directory = new();
    private readonly Lazy<string> _otherQuantile;
    private readonly Lazy<string> _otherLayer;

    public DissectedResults()
    {
        Path = Dissect("results.json");
        _otherQuantile = new Lazy<string>(() => Dissect("results-q01.json", "--quantile", "0.01"));
        _otherLayer = new Lazy<string>(() =>
        {
            var path = _directory.Combine("results-other-layer.json");
            File.WriteAllText(path, File.ReadAllText(Path).Replace($"\"{Layer}\"", $"\"{OtherLayer}\"", StringComparison.Ordinal));
            return path;
        });
    }

    public DissectorTests.SmallDictionary Dictionary { get; } = new();

    /// <summary>The results at the spec's stage thresholds.</summary>
    public string Path { get; }

    /// <summary>Results of the same model and dictionary at q = 0.01 instead of 0.005: a stage mismatch.</summary>
    public string OtherQuantilePath => _otherQuantile.Value;

    /// <summary>The same results with the layer named <see cref="OtherLayer"/>: no layer in common with <see cref="Path"/>.</summary>
    public string OtherLayerPath => _otherLayer.Value;

    public void Dispose()
    {
        _directory.Dispose();
        Dictionary.Dispose();
    }

    private string Dissect(string name, params string[] more)
    {
        var path = _directory.Combine(name);
        var run = CliRun.Of(["dissect", "--dictionary", Dictionary.DictionaryPath, "--model", Dictionary.CardPath, "--layer", Layer, "--device", "cpu", "--out", path, "--quiet", .. more]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"the fixture's dissection failed ({run.ExitCode}): {run.Error}");
        }

        return path;
    }
}
