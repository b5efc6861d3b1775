namespace HndGate.Engine;

/// <summary>
/// Writes files and folders so that a reader sees the whole result or nothing: everything goes to a
/// temporary sibling first and is renamed into place at the end (a rename within one folder is atomic).
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var temp = TemporarySibling(full);
        try
        {
            File.WriteAllBytes(temp, bytes.ToArray());
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>
    /// Builds a whole folder: <paramref name="fill"/> writes into a temporary sibling folder, which then
    /// replaces <paramref name="directory"/>. If <paramref name="fill"/> throws, nothing is left behind.
    /// An existing non-empty target is refused unless <paramref name="overwrite"/> is set.
    /// </summary>
    public static void WriteDirectory(string directory, bool overwrite, Action<string> fill)
    {
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !overwrite)
        {
            throw new HndGateInputException("the output folder exists and is not empty: choose another folder or pass --force to replace it", full);
        }

        var parent = Path.GetDirectoryName(full) ?? throw new HndGateInputException("the output folder has no parent folder", full);
        Directory.CreateDirectory(parent);
        var temp = TemporarySibling(full);
        Directory.CreateDirectory(temp);
        try
        {
            fill(temp);
            if (Directory.Exists(full))
            {
                var old = TemporarySibling(full);
                Directory.Move(full, old);
                Directory.Move(temp, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, full);
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static string TemporarySibling(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
}
