namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// Whether two parts of a sharded run belong to the same run, and if not, the first thing that tells them
/// apart in words a user can act on (another dictionary, model, option, …).
/// </summary>
public static class PlanDifference
{
    /// <summary>The fingerprint's option that records LibTorch's thread count.</summary>
    private const string ThreadsOption = "threads";

    /// <summary>Null when the plans are the same; else what <paramref name="actual"/> was made with, against <paramref name="expected"/>.</summary>
    public static string? Between(DissectionPlan expected, DissectionPlan actual)
    {
        var e = expected.Fingerprint;
        var a = actual.Fingerprint;
        if (a.DictionaryHash != e.DictionaryHash)
        {
            return $"another dictionary ({a.DictionaryHash}, not {e.DictionaryHash})";
        }

        if (a.ModelHash != e.ModelHash || a.Model != e.Model)
        {
            return $"another model ({a.Model} {a.ModelHash}, not {e.Model} {e.ModelHash})";
        }

        if (a.ToolVersion != e.ToolVersion)
        {
            return $"another hnd-gate version ({a.ToolVersion}, not {e.ToolVersion})";
        }

        if (a.Device != e.Device)
        {
            return $"another device ({a.Device}, not {e.Device}): results of different devices may differ (R9)";
        }

        var options = a.Options.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        var expectedOptions = e.Options.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        var (threads, expectedThreads) = (options.GetValueOrDefault(ThreadsOption), expectedOptions.GetValueOrDefault(ThreadsOption));
        if (threads != expectedThreads)
        {
            return $"another LibTorch thread count ({threads ?? "(unset)"}, not {expectedThreads ?? "(unset)"}): results are byte-identical only for the same count (R9); give every phase the same --threads";
        }

        var differing = options.Keys.Union(expectedOptions.Keys)
            .Where(k => options.GetValueOrDefault(k) != expectedOptions.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k} = {options.GetValueOrDefault(k) ?? "(unset)"}, not {expectedOptions.GetValueOrDefault(k) ?? "(unset)"}")
            .ToList();
        if (differing.Count > 0)
        {
            return $"other options ({string.Join("; ", differing)})";
        }

        return ShardManifestWriter.SerializePlan(expected).AsSpan().SequenceEqual(ShardManifestWriter.SerializePlan(actual))
            ? null
            : "another plan (settings, layers or dictionary structure differ)";
    }
}
