using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace HndGate.Engine.Reports;

/// <summary>
/// Renders the Scriban templates embedded in HndGate.Templates (<c>templates/&lt;path&gt;</c>) from a model
/// the Engine built: the text layout lives in the templates, never in C# strings. Members are seen in
/// snake_case (<c>LocalImages</c> → <c>local_images</c>). Templates are parsed once per renderer.
/// </summary>
public sealed class TemplateRenderer
{
    private const string TemplatesAssembly = "HndGate.Templates";

    private readonly ConcurrentDictionary<string, Lazy<Template>> templates = new(StringComparer.Ordinal);

    /// <summary>Renders <paramref name="templatePath"/> (e.g. <c>dictionary/info.scriban</c>) with the public properties of <paramref name="model"/> as variables.</summary>
    public string Render(string templatePath, object model)
    {
        var template = templates.GetOrAdd(templatePath, path => new Lazy<Template>(() => Parse(ReadEmbedded(path), path))).Value;
        return Render(template, model);
    }

    /// <summary>Parses template text; errors read <c>file(line,col) : error : ...</c>. A broken template is a bug, not an input error.</summary>
    internal static Template Parse(string text, string name)
    {
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"the template {name} does not parse: {string.Join("; ", template.Messages)}");
        }

        return template;
    }

    /// <summary>Renders with limits on loops and strings, and unknown variables as errors.</summary>
    internal static string Render(Template template, object model)
    {
        var globals = new ScriptObject();
        globals.Import(model);
        var context = new TemplateContext
        {
            LoopLimit = 1_000_000,
            LimitToString = 1_000_000,
            StrictVariables = true,
            NewLine = "\n",
        };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new InvalidOperationException($"the template {template.SourceFilePath} failed: {e.Message}", e);
        }
    }

    private static string ReadEmbedded(string templatePath)
    {
        var assembly = Assembly.Load(TemplatesAssembly);
        using var stream = assembly.GetManifestResourceStream("templates/" + templatePath)
            ?? throw new ArgumentException($"no embedded template '{templatePath}'", nameof(templatePath));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
