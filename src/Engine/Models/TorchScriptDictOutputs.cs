using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace HndGate.Engine.Models;

/// <summary>
/// TorchSharp 0.107 reads tensors, tuples and lists back from TorchScript but not dicts, which is what
/// torchvision's <c>create_feature_extractor</c> returns. A TorchScript archive keeps its code as source that
/// LibTorch compiles when it loads it, so a copy of the archive can carry one more method on the root module:
/// <see cref="Method"/>, which calls the card's method and returns the card's <c>outputs</c> from its dict as a
/// tuple. The user's file is never changed.
/// </summary>
internal static partial class TorchScriptDictOutputs
{
    /// <summary>The method added to the copy.</summary>
    public const string Method = "hndgate_outputs";

    /// <summary>
    /// When <paramref name="method"/> of the archive's root module returns <c>Dict[str, Tensor]</c>, writes a copy
    /// with <see cref="Method"/> added to a temporary file and returns its path (the caller deletes it); else null.
    /// </summary>
    public static string? Patch(string file, string method, IReadOnlyList<string> outputs)
    {
        using var archive = ZipFile.OpenRead(file);
        var data = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1);
        if (data is null || RootClass(data) is not ({ } module, { } className))
        {
            return null;
        }

        var prefix = data.FullName[..data.FullName.IndexOf('/', StringComparison.Ordinal)];
        var sourceName = $"{prefix}/code/{module.Replace('.', '/')}.py";
        var source = archive.GetEntry(sourceName);
        if (source is null)
        {
            return null;
        }

        string text;
        using (var reader = new StreamReader(source.Open(), Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        var patched = AddMethod(text, $"{module}.{className}", className, method, outputs);
        if (patched is null)
        {
            return null;
        }

        var copy = Path.Combine(Path.GetTempPath(), $"hnd-gate-{Guid.NewGuid():N}.pt");
        using (var target = ZipFile.Open(copy, ZipArchiveMode.Create))
        {
            foreach (var entry in archive.Entries)
            {
                // The debug record maps source ranges of the original text: without it LibTorch reports no source lines.
                if (entry.FullName == sourceName + ".debug_pkl")
                {
                    continue;
                }

                var written = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression);
                using var to = written.Open();
                if (entry.FullName == sourceName)
                {
                    to.Write(Encoding.UTF8.GetBytes(patched));
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }

        return copy;
    }

    /// <summary>
    /// The class source with <see cref="Method"/> appended to the class <paramref name="className"/>, or null when
    /// that class's <paramref name="method"/> does not return <c>Dict[str, Tensor]</c>.
    /// </summary>
    internal static string? AddMethod(string source, string qualifiedName, string className, string method, IReadOnlyList<string> outputs)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var start = lines.FindIndex(l => l.StartsWith($"class {className}(", StringComparison.Ordinal));
        if (start < 0)
        {
            return null;
        }

        // The class body runs to the next line that is not indented (the next top-level statement), or the end.
        var end = lines.FindIndex(start + 1, l => l.Length > 0 && !char.IsWhiteSpace(l[0]));
        end = end < 0 ? lines.Count : end;
        while (end > start + 1 && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        var body = string.Join("\n", lines.Skip(start + 1).Take(end - start - 1));
        var signature = Signature(method).Match(body);
        if (!signature.Success || !Regex.IsMatch(signature.Groups["returns"].Value, @"^Dict\[str,\s*Tensor\]$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return null;
        }

        var indent = signature.Groups["indent"].Value;

        // The parameters after self, as declared ("\n    x: Tensor"), and their names.
        var parameters = signature.Groups["parameters"].Value.Split(',').Skip(1).ToList();
        var names = parameters.Select(p => p.Split(':')[0].Trim()).Where(p => p.Length > 0).ToList();
        var items = string.Join(", ", outputs.Select(o => $"_hndgate[\"{o.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]"));
        var tupleType = string.Join(", ", outputs.Select(_ => "Tensor"));
        var added = new[]
        {
            $"{indent}def {Method}(self: {qualifiedName}{string.Concat(parameters.Select(p => "," + p))}) -> Tuple[{tupleType}]:",
            $"{indent}{indent}_hndgate = (self).{method}({string.Concat(names.Select(n => n + ", "))})",
            $"{indent}{indent}return ({items}{(outputs.Count == 1 ? "," : string.Empty)})",
        };
        lines.InsertRange(end, added);
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The root module's class, from the first opcode of data.pkl: PROTO 2, then GLOBAL "module\nname\n"
    /// (e.g. <c>__torch__.torch.fx.graph_module.___torch_mangle_18</c>, <c>TinyCnn</c>).
    /// </summary>
    private static (string Module, string Class)? RootClass(ZipArchiveEntry data)
    {
        using var stream = data.Open();
        var head = new byte[512];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read < 4 || head[0] != 0x80 || head[2] != (byte)'c')
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(head, 3, read - 3).Split('\n');
        return parts.Length >= 3 && parts[0].StartsWith("__torch__.", StringComparison.Ordinal) ? (parts[0], parts[1]) : null;
    }

    private static Regex Signature(string method) => new(
        $@"^(?<indent>[ \t]+)def {Regex.Escape(method)}\((?<parameters>[^)]*)\)\s*->\s*(?<returns>.+?):\s*$",
        RegexOptions.Multiline | RegexOptions.Singleline,
        TimeSpan.FromSeconds(1));
}
