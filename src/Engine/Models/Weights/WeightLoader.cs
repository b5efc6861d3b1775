using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>
/// Copies a file's tensors into a model, checking names and shapes first. Every parameter and buffer of a
/// module that runs before the deepest dissected layer finishes (forward order, from a <see cref="ForwardTrace"/>)
/// must be in the file with the model's shape, or nothing is loaded. Those after it — a custom head — may be
/// missing or different: they keep their random values and are reported as skipped.
/// </summary>
public static class WeightLoader
{
    private const int ProblemsListed = 6;

    public static WeightLoadReport Load(
        nn.Module model, StateDict weights, IReadOnlyList<TracedModule> trace, IReadOnlyList<string> layers, string modelName, string modelDescription)
    {
        var deepest = DeepestLayer(model, trace, layers, modelDescription);
        var firstStep = trace.ToDictionary(t => t.Name, t => t.FirstStep, StringComparer.Ordinal);
        var file = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in weights.Entries)
        {
            file[name] = tensor;
        }

        var entries = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter))
            .Concat(model.named_buffers())
            .Select(e => (Name: e.Item1, Tensor: e.Item2))
            .ToList();

        var copies = new List<(Tensor Target, Tensor Source)>();
        var skipped = new List<(int Order, SkippedWeight Weight)>();
        var problems = new List<string>();
        foreach (var (name, target) in entries)
        {
            var owner = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : "";
            var step = firstStep.GetValueOrDefault(owner, -1);

            // BatchNorm's batch counter does nothing at inference, and files older than PyTorch 0.4.1 lack it.
            var required = step >= 0 && step <= deepest.LastStep && !name.EndsWith("num_batches_tracked", StringComparison.Ordinal);
            if (file.TryGetValue(name, out var source) && source.shape.SequenceEqual(target.shape))
            {
                copies.Add((target, source));
            }
            else if (required)
            {
                problems.Add(source is null
                    ? $"'{name}' {Shape(target.shape)} is not in the file"
                    : $"'{name}' has shape {Shape(source.shape)} in the file but {Shape(target.shape)} in {modelName}");
            }
            else
            {
                skipped.Add((step < 0 ? int.MaxValue : step, new SkippedWeight(name, target.shape, source?.shape)));
            }
        }

        if (problems.Count > 0)
        {
            throw new HndGateInputException(Mismatch(problems, weights, modelName, deepest.Name, copies.Count), weights.Path);
        }

        using (torch.no_grad())
        {
            foreach (var (target, source) in copies)
            {
                target.copy_(source);
            }
        }

        var modelNames = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return new WeightLoadReport(
            weights.Path,
            weights.Format,
            weights.NestedKey,
            weights.StrippedModulePrefix,
            deepest.Name,
            copies.Count,
            skipped.OrderBy(s => s.Order).Select(s => s.Weight).ToList(),
            weights.Entries.Select(e => e.Key).Where(n => !modelNames.Contains(n)).ToList());
    }

    private static TracedModule DeepestLayer(nn.Module model, IReadOnlyList<TracedModule> trace, IReadOnlyList<string> layers, string modelDescription)
    {
        if (layers.Count == 0)
        {
            throw new HndGateInputException("no layer to dissect was named", modelDescription);
        }

        TracedModule? deepest = null;
        foreach (var layer in layers)
        {
            var traced = trace.FirstOrDefault(t => t.Name == layer);
            if (traced is null)
            {
                LayerNames.Find(model, layer, modelDescription);
                throw new HndGateInputException($"the layer '{layer}' is not a submodule of the model", modelDescription);
            }

            if (!traced.Reached)
            {
                throw new HndGateInputException($"the layer '{layer}' is not reached in the forward pass: it may be unused by the model's forward()", modelDescription);
            }

            if (deepest is null || traced.LastStep > deepest.LastStep)
            {
                deepest = traced;
            }
        }

        return deepest!;
    }

    private static string Mismatch(List<string> problems, StateDict weights, string modelName, string layer, int matched)
    {
        var listed = string.Join("; ", problems.Take(ProblemsListed));
        var more = problems.Count > ProblemsListed ? $" and {problems.Count - ProblemsListed} more" : "";
        var names = matched == 0 && weights.Entries.Count > 0
            ? $" No name matched; the file's names begin {string.Join(", ", weights.Entries.Take(3).Select(e => $"'{e.Key}'"))}."
            : "";
        return $"the weights do not fit {modelName} up to the layer '{layer}': {listed}{more}.{names} " +
            "Every parameter up to the dissected layers must load: check 'architecture' in the card ('hnd-gate init --model FILE' infers it from the file)";
    }

    private static string Shape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
