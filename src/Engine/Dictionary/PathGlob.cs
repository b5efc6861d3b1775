namespace HndGate.Engine.Dictionary;

/// <summary>
/// The <c>glob</c> of a Format B subgroup: a path relative to the root where <c>*</c> (any run of
/// characters) and <c>?</c> (one character) match within one segment. As in a shell, a wildcard does not
/// match a leading '.' (hidden files). Matches are files, sorted by ordinal comparison (canonical order).
/// </summary>
public static class PathGlob
{
    /// <summary>The relative paths of the files matching <paramref name="pattern"/>; each is checked like any other path.</summary>
    public static IReadOnlyList<string> Expand(DictionaryRoot root, string pattern, InputLocation referrer)
    {
        if (DictionaryRoot.SyntaxProblem(pattern) is { } problem)
        {
            throw referrer.Error($"the glob '{pattern}' {problem}");
        }

        var segments = pattern.Split('/');
        IEnumerable<string> matches = [string.Empty];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            matches = matches.SelectMany(folder => Children(root, folder, segment, last)).ToList();
        }

        var sorted = matches.Order(StringComparer.Ordinal).ToList();
        foreach (var match in sorted)
        {
            root.Resolve(match, referrer);
        }

        return sorted;
    }

    /// <summary>Whether <paramref name="name"/> matches one glob segment.</summary>
    public static bool Matches(string segment, string name)
    {
        if (name.StartsWith('.') && !segment.StartsWith('.'))
        {
            return false;
        }

        // Greedy matching with backtracking to the last '*'.
        int s = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (s < segment.Length && (segment[s] == '?' || segment[s] == name[n]))
            {
                s++;
                n++;
            }
            else if (s < segment.Length && segment[s] == '*')
            {
                star = s++;
                resume = n;
            }
            else if (star >= 0)
            {
                s = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (s < segment.Length && segment[s] == '*')
        {
            s++;
        }

        return s == segment.Length;
    }

    private static IEnumerable<string> Children(DictionaryRoot root, string folder, string segment, bool last)
    {
        var directory = Path.Join(root.FullPath, folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        if (segment.IndexOfAny(['*', '?']) < 0)
        {
            var exact = Path.Join(directory, segment);
            return (last ? File.Exists(exact) : Directory.Exists(exact)) ? [Join(folder, segment)] : [];
        }

        var entries = last ? Directory.EnumerateFiles(directory) : Directory.EnumerateDirectories(directory);
        return entries.Select(Path.GetFileName).OfType<string>().Where(name => Matches(segment, name)).Select(name => Join(folder, name));
    }

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
}
