using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>
/// One forward pass of a blank image at the model's input size, with a hook on every submodule: which
/// modules run, in what order, and what each outputs. It tells <c>hnd-gate layers</c> the shapes, tells
/// the weight loader which parameters come before a layer (forward order, whatever the registration
/// order), and refuses an input size the network cannot take before any image is read.
/// </summary>
public static class ForwardTrace
{
    /// <summary>Every submodule but the root, in forward order (modules never called last, by name).</summary>
    public static IReadOnlyList<TracedModule> Run(nn.Module<Tensor, Tensor> model, int inputSize, string modelDescription)
    {
        var modules = model.named_modules().Where(m => m.name.Length > 0).ToList();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var step = 0;
        var removers = new List<Action>();
        try
        {
            foreach (var (name, module) in modules)
            {
                if (module is nn.Module<Tensor, Tensor> hooked)
                {
                    var hook = hooked.register_forward_hook((_, _, output) =>
                    {
                        first.TryAdd(name, step);
                        last[name] = step++;
                        shapes[name] = output.shape;
                        return output;
                    });
                    removers.Add(hook.remove);
                }
            }

            var device = model.parameters().FirstOrDefault()?.device ?? CPU;
            using (torch.inference_mode())
            using (var scope = torch.NewDisposeScope())
            {
                try
                {
                    model.call(zeros(1, 3, inputSize, inputSize, device: device));
                }
                catch (ExternalException e)
                {
                    throw new HndGateInputException(
                        $"the model cannot take {inputSize}×{inputSize} inputs: {e.Message.Split('\n')[0].Trim()}. Choose a larger input size in the card",
                        modelDescription,
                        inner: e);
                }
            }
        }
        finally
        {
            foreach (var remove in removers)
            {
                remove();
            }
        }

        return modules
            .Select(m => new TracedModule(
                m.name,
                m.module.GetType().Name,
                shapes.TryGetValue(m.name, out var shape) ? shape : null,
                first.GetValueOrDefault(m.name, -1),
                last.GetValueOrDefault(m.name, -1)))
            .OrderBy(t => t.Reached ? 0 : 1)
            .ThenBy(t => t.FirstStep)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }
}
