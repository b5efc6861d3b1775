using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace HndGate.Engine.Reports;

/// <summary>
/// Renders the Scriban templates embedded in HndGate.Templates (<c>templates/&lt;path&gt;</c>) from a model
/// the Engine built: the text layout lives in the templates, never in C# strings. Members are seen in
/// snake_case (<c>LocalImages</c> → <c>local_images</c>). Templates are parsed once per renderer.
/// With an override folder (<c>--template DIR</c>), <c>DIR/&lt;path&gt;</c> is used first; such a template is the
/// user's input, so its parse and runtime errors are <see cref="HndGateInputException"/>s naming the file and line.
/// Every template runs sandboxed: bounded loops, recursion and output, includes only from DIR or the embedded set,
/// and no built-in that reads the clock (the builtins have no file or environment access).
/// </summary>
public sealed class TemplateRenderer
{
    /// <summary>Most characters one render may write (the HTML report with its pictures is the largest).</summary>
    public const int OutputLimit = 64 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Template>> templates = new(StringComparer.Ordinal);
    private readonly TemplateSource source;

    /// <param name="overrideDirectory">The <c>--template DIR</c> folder, or null for the embedded templates only.</param>
    public TemplateRenderer(string? overrideDirectory = null)
    {
        source = new TemplateSource(overrideDirectory);
    }

    /// <summary>Renders <paramref name="templatePath"/> (e.g. <c>dictionary/info.scriban</c>) with the public properties of <paramref name="model"/> as variables.</summary>
    public string Render(string templatePath, object model)
    {
        var template = templates.GetOrAdd(templatePath, name => new Lazy<Template>(() => Load(name))).Value;
        return Render(template, model, source);
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

    /// <summary>Renders with the embedded templates as the only includes.</summary>
    internal static string Render(Template template, object model) => Render(template, model, new TemplateSource(null));

    private static string Render(Template template, object model, TemplateSource source)
    {
        var globals = new ScriptObject();
        globals.Import(model, filter: member => member is PropertyInfo);
        var context = new TemplateContext(SandboxBuiltins())
        {
            LoopLimit = 1_000_000,
            RecursiveLimit = 64,
            LimitToString = 4_000_000,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OutputLimit = OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            StrictVariables = true,
            NewLine = "\n",
            TemplateLoader = source,
            RegexTimeOut = TimeSpan.FromSeconds(1),
            MemberFilter = member => member is PropertyInfo,
        };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            // An override fails in itself, or in an embedded template it included (then its own line is unknown).
            if (source.IsOverride(e.Span.FileName))
            {
                throw new HndGateInputException($"the template failed: {e.OriginalMessage}", e.Span.FileName, e.Span.Start.Line + 1, inner: e);
            }

            if (source.IsOverride(template.SourceFilePath))
            {
                throw new HndGateInputException($"the template failed in {e.Span.FileName}: {e.Message}", template.SourceFilePath, inner: e);
            }

            throw new InvalidOperationException($"the template {template.SourceFilePath} failed: {e.Message}", e);
        }
    }

    /// <summary>Scriban's builtins less <c>date.now</c>: same model, same output (R9).</summary>
    private static BuiltinFunctions SandboxBuiltins()
    {
        var builtins = new BuiltinFunctions();
        if (builtins["date"] is ScriptObject date)
        {
            date.Remove("now");
        }

        return builtins;
    }

    private Template Load(string name)
    {
        var path = source.Locate(name) ?? throw new ArgumentException($"no embedded template '{name}'", nameof(name));
        var text = source.Read(path);
        if (!source.IsOverride(path))
        {
            return Parse(text, path);
        }

        var template = Template.Parse(text, path);
        var error = template.Messages.FirstOrDefault(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
        if (error is not null)
        {
            throw new HndGateInputException($"the template does not parse: {error.Message}", path, error.Span.Start.Line + 1);
        }

        return template;
    }
}
