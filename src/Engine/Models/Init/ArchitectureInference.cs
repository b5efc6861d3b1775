using HndGate.Engine.Models.Weights;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Init;

/// <summary>
/// Tells which built-in architecture a state_dict belongs to: the one whose every parameter and buffer
/// before the classifier head is in the file with the same shape (heads are often custom). When several
/// fit (ResNet-50's body is part of ResNet-101's), the largest wins.
/// </summary>
public static class ArchitectureInference
{
    public static ArchitectureMatch Infer(StateDict weights)
    {
        var names = weights.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        // Only architectures whose default layer is in the file are worth building.
        var matches = BuiltInArchitectures.All
            .Where(a => names.Contains(a.DefaultLayer + ".weight"))
            .Select(a => Match(a, weights))
            .ToList();
        var best = matches.Where(m => m.Fits).MaxBy(m => m.Body);
        if (best is not null)
        {
            return best;
        }

        var closest = matches.MaxBy(m => (double)m.Matched / m.Body);
        throw new HndGateInputException(
            closest is null
                ? $"the file matches none of the architectures hnd-gate builds ({string.Join(", ", BuiltInArchitectures.Names)}); its names begin {string.Join(", ", weights.Entries.Take(3).Select(e => $"'{e.Key}'"))}"
                : $"the file matches none of the architectures hnd-gate builds; closest is {closest.Architecture.Name} ({closest.Matched} of {closest.Body} entries before its head match: {string.Join("; ", closest.Problems.Take(3))}). Name it with --architecture if that is right",
            weights.Path);
    }

    /// <summary>Compares the file with <paramref name="architecture"/>'s entries before its head.</summary>
    public static ArchitectureMatch Match(BuiltInArchitecture architecture, StateDict weights)
    {
        var file = weights.Entries.ToDictionary(e => e.Key, e => e.Value.shape, StringComparer.Ordinal);
        using var model = BuiltInArchitectures.Create(architecture.Name, 1000, weights.Path);
        var body = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter))
            .Concat(model.named_buffers())
            .Where(e => !architecture.HeadModules.Any(h => e.Item1.StartsWith(h + ".", StringComparison.Ordinal)))
            .Where(e => !e.Item1.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .ToList();
        var problems = new List<string>();
        foreach (var (name, tensor) in body)
        {
            if (!file.TryGetValue(name, out var shape))
            {
                problems.Add($"'{name}' is not in the file");
            }
            else if (!shape.SequenceEqual(tensor.shape))
            {
                problems.Add($"'{name}' has shape [{string.Join(", ", shape)}] in the file but [{string.Join(", ", tensor.shape)}] in {architecture.Name}");
            }
        }

        return new ArchitectureMatch(architecture, body.Count - problems.Count, body.Count, problems);
    }
}
