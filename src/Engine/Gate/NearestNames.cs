namespace HndGate.Engine.Gate;

/// <summary>Valid names for a message about a misspelt one: nearest first (edit distance), then in their own order.</summary>
internal static class NearestNames
{
    /// <summary>
    /// <paramref name="names"/>, nearest to <paramref name="wanted"/> first, joined by ", "; past
    /// <paramref name="listed"/> names, the rest are counted instead.
    /// </summary>
    public static string List(string wanted, IEnumerable<string> names, int listed = int.MaxValue)
    {
        var ordered = names.Distinct(StringComparer.Ordinal)
            .Select((name, i) => (Name: name, Index: i))
            .OrderBy(n => Distance(wanted, n.Name))
            .ThenBy(n => n.Index)
            .Select(n => n.Name)
            .ToList();
        var text = string.Join(", ", ordered.Take(listed));
        return ordered.Count > listed ? $"{text} and {ordered.Count - listed} more" : text;
    }

    // Levenshtein distance, ignoring case: "Gender" is nearest to "gender".
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
