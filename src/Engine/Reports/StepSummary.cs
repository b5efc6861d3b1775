using System.Text;

namespace HndGate.Engine.Reports;

/// <summary>
/// GitHub's job summary: the Markdown report appended to the file a workflow step names in
/// <c>$GITHUB_STEP_SUMMARY</c> (the Tool reads the variable and passes the path; the Engine reads no environment).
/// </summary>
public static class StepSummary
{
    /// <summary>Appends <paramref name="markdown"/> (UTF-8, no byte-order mark), after a blank line when the file already has text.</summary>
    public static void Append(string path, string markdown)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var separator = File.Exists(path) && new FileInfo(path).Length > 0 ? "\n" : string.Empty;
        try
        {
            File.AppendAllText(path, separator + markdown, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HndGateInputException($"cannot append the report to the step summary: {e.Message}", path, inner: e);
        }
    }
}
