using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>Finds a submodule by its dotted name (<c>layer4.1.conv1</c>), suggesting the nearest names when it is absent.</summary>
public static class LayerNames
{
    /// <summary>The submodule named <paramref name="name"/>; an unknown name throws, listing the closest names that exist.</summary>
    public static nn.Module<Tensor, Tensor> Find(nn.Module model, string name, string modelDescription)
    {
        var modules = model.named_modules().ToList();
        foreach (var (candidate, module) in modules)
        {
            if (candidate == name)
            {
                return module as nn.Module<Tensor, Tensor>
                    ?? throw new HndGateInputException(
                        $"the layer '{name}' ({module.GetType().Name}) does not map one tensor to one tensor, so its output cannot be dissected: pick one of its children",
                        modelDescription);
            }
        }

        throw new HndGateInputException(
            $"the model has no layer '{name}'. Nearest names: {string.Join(", ", Nearest(modules.Select(m => m.name), name))}. 'hnd-gate layers' lists them all",
            modelDescription);
    }

    /// <summary>
    /// The (at most five) names closest to <paramref name="name"/>, closest first: those that contain it
    /// (a module's name inside an ONNX value's scoped name), then by <see cref="EditDistance"/>.
    /// </summary>
    public static IReadOnlyList<string> Nearest(IEnumerable<string> names, string name) =>
        names.Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n.Contains(name, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(n => EditDistance(n, name))
            .ThenBy(n => n, StringComparer.Ordinal)
            .Take(5)
            .ToList();

    /// <summary>Levenshtein distance: how many single-character edits turn one name into the other.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
