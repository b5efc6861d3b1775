using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace HndGate.Engine.Reports;

/// <summary>
/// Where template text comes from: the <c>--template DIR</c> folder first, when given, else the templates embedded
/// in HndGate.Templates. It is also the loader behind Scriban's <c>include</c>, so an included name is served the same
/// way and nothing else on disk can be read: names are relative paths of letters, digits, <c>_ . -</c> and <c>/</c>,
/// never rooted and without <c>..</c> segments, and never through a symbolic link inside the folder.
/// </summary>
internal sealed class TemplateSource : ITemplateLoader
{
    private const string TemplatesAssembly = "HndGate.Templates";
    private const string EmbeddedPrefix = "templates/";

    private readonly string? overrideDirectory;

    public TemplateSource(string? overrideDirectory)
    {
        if (overrideDirectory is not null && !Directory.Exists(overrideDirectory))
        {
            throw new HndGateInputException("the template folder does not exist: pass a folder that holds report/<name>.scriban files", overrideDirectory);
        }

        this.overrideDirectory = overrideDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(overrideDirectory));
    }

    /// <summary>True when <paramref name="path"/> (as <see cref="Locate"/> returned it) is a file of the override folder.</summary>
    public bool IsOverride(string? path) =>
        overrideDirectory is not null && path is not null && path.StartsWith(overrideDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// The override file's full path when the folder has <paramref name="name"/>, else <c>templates/&lt;name&gt;</c>
    /// when it is embedded; null when neither has it or the name is refused.
    /// </summary>
    public string? Locate(string name)
    {
        if (!IsSafe(name))
        {
            return null;
        }

        if (overrideDirectory is not null)
        {
            var file = Path.GetFullPath(Path.Combine(overrideDirectory, name));
            if (IsOverride(file) && File.Exists(file) && !PassesThroughALink(file))
            {
                return file;
            }
        }

        using var stream = EmbeddedStream(EmbeddedPrefix + name);
        return stream is null ? null : EmbeddedPrefix + name;
    }

    /// <summary>The text of a template found by <see cref="Locate"/>.</summary>
    public string Read(string path)
    {
        if (IsOverride(path))
        {
            return File.ReadAllText(path);
        }

        using var stream = EmbeddedStream(path) ?? throw new ArgumentException($"no embedded template '{path}'", nameof(path));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    string ITemplateLoader.GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        Locate(templateName) ?? throw new ScriptRuntimeException(
            callerSpan,
            IsSafe(templateName)
                ? $"no template '{templateName}' to include"
                : $"the include '{templateName}' is refused: name a template relative to the template folder, without '..'");

    string ITemplateLoader.Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Read(templatePath);

    ValueTask<string?> ITemplateLoader.LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Read(templatePath));

    /// <summary>A symbolic link inside the folder could point anywhere on disk: such names are not served.</summary>
    private bool PassesThroughALink(string file)
    {
        for (var path = file; path.Length > overrideDirectory!.Length; path = Path.GetDirectoryName(path)!)
        {
            FileSystemInfo entry = path == file ? new FileInfo(path) : new DirectoryInfo(path);
            if (entry.LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSafe(string name) =>
        name.Length > 0
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/')
        && !name.StartsWith('/')
        && name.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    private static Stream? EmbeddedStream(string resource) =>
        Assembly.Load(TemplatesAssembly).GetManifestResourceStream(resource);
}
