namespace HndGate.Engine.Gate;

/// <summary>
/// Explains why a rule's metric key is not among a layer's (<see cref="Results.LayerMetrics"/>): the first
/// index the results do not know, and the names they know there, nearest first.
/// </summary>
internal static class MetricNameCheck
{
    // A layer has hundreds of local_global keys: a message lists the nearest few.
    private const int Listed = 12;

    // What the indices of each metric name, in order (docs/policy.md).
    private static readonly Dictionary<string, string[]> IndexKinds = new(StringComparer.Ordinal)
    {
        ["biased_ratio"] = ["family", "subgroup"],
        ["units_per_concept"] = ["concept"],
        ["units_per_region"] = ["region"],
        ["units_per_type"] = ["concept type"],
        ["local_global"] = ["concept", "family", "subgroup"],
    };

    /// <summary>What is wrong with <paramref name="key"/>, which <paramref name="validKeys"/> lacks, and what to write instead.</summary>
    public static string Explain(string key, string layer, IReadOnlyList<string> validKeys)
    {
        var (name, indices) = Split(key);
        var sameForm = validKeys.Select(Split).Where(k => k.Name == name && k.Indices.Count == indices.Count).ToList();
        for (var i = 0; i < indices.Count; i++)
        {
            var prefix = indices.Take(i).ToList();
            var candidates = sameForm.Where(k => k.Indices.Take(i).SequenceEqual(prefix, StringComparer.Ordinal)).Select(k => k.Indices[i]).ToList();
            if (!candidates.Contains(indices[i], StringComparer.Ordinal))
            {
                var kind = IndexKinds.TryGetValue(name, out var kinds) && i < kinds.Length ? kinds[i] : "name";
                var where = kind == "subgroup" ? $"family '{indices[i - 1]}'" : "the dictionary";
                return candidates.Count == 0
                    ? $"the results of layer '{layer}' have no metric '{key}': the dictionary has no {kind} at all; metrics, nearest first: {NearestNames.List(key, validKeys, Listed)}"
                    : $"the results of layer '{layer}' have no metric '{key}': '{indices[i]}' is not a {kind} of {where}; {kind} names, nearest first: {NearestNames.List(indices[i], candidates)}";
            }
        }

        return $"the results of layer '{layer}' have no metric '{key}'; metrics, nearest first: {NearestNames.List(key, validKeys, Listed)}";
    }

    // "local_global[a][b][c]" → ("local_global", [a, b, c]); names hold no brackets (the schema's name pattern).
    private static (string Name, IReadOnlyList<string> Indices) Split(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        return open < 0
            ? (key, [])
            : (key[..open], key[(open + 1)..^1].Split("][", StringSplitOptions.None));
    }
}
