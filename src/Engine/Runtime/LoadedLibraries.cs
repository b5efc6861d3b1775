namespace HndGate.Engine.Runtime;

/// <summary>Where a shared library was mapped from in this process (Linux: /proc/self/maps).</summary>
public static class LoadedLibraries
{
    /// <summary>The full path of the first mapped file whose name is <paramref name="fileName"/>, or null.</summary>
    public static string? Find(string fileName)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            if (string.Equals(Path.GetFileName(path), fileName, StringComparison.Ordinal))
            {
                return path;
            }
        }

        return null;
    }
}
