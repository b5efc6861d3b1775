namespace HndGate.Engine.Dictionary;

/// <summary>
/// The folder of a dictionary, and the one way to turn a path written in a manifest or CSV into a file:
/// every path is relative, uses forward slashes, and stays inside the folder — also after following
/// symbolic links (face-dictionary.md, Format B: "a path that escapes the root is an error, never followed").
/// </summary>
public sealed class DictionaryRoot
{
    private const int MaxLinksFollowed = 40;

    private DictionaryRoot(string fullPath) => FullPath = fullPath;

    /// <summary>The folder's real path (symbolic links resolved).</summary>
    public string FullPath { get; }

    /// <summary>Opens an existing dictionary folder.</summary>
    public static DictionaryRoot Open(string directory)
    {
        if (File.Exists(directory))
        {
            throw new HndGateInputException("this is a file, not a dictionary folder: give the folder that holds the CSV files or hnd-dictionary.json", directory);
        }

        if (!Directory.Exists(directory))
        {
            throw new HndGateInputException("the dictionary folder does not exist", directory);
        }

        var full = Path.GetFullPath(directory);
        var root = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        return new DictionaryRoot(RealPath(root, Segments(full[root.Length..])));
    }

    /// <summary>
    /// The real path of <paramref name="relativePath"/> inside the folder. <paramref name="referrer"/> is where
    /// the path was written (manifest and pointer, or CSV and line): errors name it.
    /// </summary>
    public string Resolve(string relativePath, InputLocation referrer)
    {
        if (SyntaxProblem(relativePath) is { } problem)
        {
            throw referrer.Error($"the path '{relativePath}' {problem}");
        }

        var real = RealPath(FullPath, relativePath.Split('/'));
        if (!Contains(real))
        {
            throw referrer.Error(
                $"the path '{relativePath}' leads outside the dictionary folder through a symbolic link (to {real}): " +
                "copy the file into the folder instead");
        }

        return real;
    }

    /// <summary>The path of a file inside the folder relative to it, with forward slashes.</summary>
    public string RelativePath(string fullPath) =>
        Path.GetRelativePath(FullPath, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Why <paramref name="path"/> is not a plain relative path inside the root, or null when it is.</summary>
    internal static string? SyntaxProblem(string path)
    {
        if (path.Length == 0)
        {
            return "is empty";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "contains a backslash: use forward slashes";
        }

        if (path.StartsWith('/') || Path.IsPathRooted(path) || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
        {
            return "is absolute: write it relative to the dictionary folder";
        }

        var segments = path.Split('/');
        if (segments.Contains(".."))
        {
            return "goes up with '..': every path must stay inside the dictionary folder";
        }

        if (segments.Any(s => s.Length == 0 || s == "." || s.Contains('\0', StringComparison.Ordinal)))
        {
            return "has an empty or '.' segment: write it plainly, like images/0001.png";
        }

        return null;
    }

    private bool Contains(string real) =>
        real == FullPath || real.StartsWith(FullPath.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // realpath(3) of start/segments, start being real already: every symbolic link on the way is replaced by
    // its target, '..' then means the real parent. Components that do not exist are kept as written (the
    // caller reports a missing file on its own).
    private static string RealPath(string start, IEnumerable<string> segments)
    {
        var pending = new Stack<string>(segments.Reverse());
        var current = start;
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Join(current, segment);
            if (new FileInfo(candidate).LinkTarget is not { } target)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinksFollowed)
            {
                throw new HndGateInputException("too many symbolic links (a loop?)", candidate);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? current;
                target = target[current.Length..];
            }

            foreach (var part in Segments(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return current;
    }

    private static IEnumerable<string> Segments(string path) =>
        path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
