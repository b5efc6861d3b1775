namespace HndGate.Tool.Tests.Commands;

/// <summary>
/// Policies for the gate's CLI tests, with bounds that hold (or break) whatever the dissection finds:
/// coverage_hnd is a fraction of units, so "min": 0 always passes. No bound that some value breaks and some
/// meets can break whatever a dissection finds (the policy reader refuses those), so "max": 0 breaks unless no unit
/// of the layer is explained at all: the fixture's random model explains most of its units.
/// </summary>
public static class GatePolicy
{
    public const string Passing = """
        {
          "version": 1,
          "rules": [
            { "id": "coverage", "metric": "coverage_hnd", "min": 0 },
            { "id": "gender-bias", "metric": "biased_ratio[gender]", "max": 1 }
          ]
        }
        """;

    public const string Failing = """
        {
          "version": 1,
          "rules": [
            { "id": "coverage", "metric": "coverage_hnd", "min": 0 },
            { "id": "impossible-coverage", "metric": "coverage_hnd", "max": 0 }
          ]
        }
        """;

    public const string WarningOnly = """
        {
          "version": 1,
          "rules": [
            { "id": "coverage", "metric": "coverage_hnd", "min": 0 },
            { "id": "coverage-goal", "metric": "coverage_hnd", "max": 0, "severity": "warning" }
          ]
        }
        """;

    /// <summary>Bounds relative to a baseline only: without one, no rule can be evaluated.</summary>
    public const string RegressionOnly = """
        {
          "version": 1,
          "rules": [
            { "id": "gender-regression", "metric": "biased_ratio[gender]", "max_increase": { "absolute": 0.02 } }
          ]
        }
        """;

    /// <summary>Passing, with stage thresholds other than the defaults.</summary>
    public const string WithStages = """
        {
          "version": 1,
          "stages": { "quantile": 0.01, "iou_threshold": 0.05, "family_thresholds": { "gender": 0.6 } },
          "rules": [
            { "id": "coverage", "metric": "coverage_hnd", "min": 0 }
          ]
        }
        """;

    /// <summary>Passing on the upper end of the bootstrap interval, its "on" on a line of its own.</summary>
    public const string Upper95 = """
        {
          "version": 1,
          "rules": [
            { "id": "coverage-upper", "metric": "coverage_hnd", "max": 1,
              "on": "upper95" }
          ]
        }
        """;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The 1-based line of <paramref name="text"/> that holds <paramref name="fragment"/>, counted by hand for the assertions.</summary>
    public static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, i) => (line, i)).Single(x => x.line.Contains(fragment, StringComparison.Ordinal)).i + 1;
}
