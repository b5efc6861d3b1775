using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>
/// Captures layers of a TorchScript module (<c>torch.jit.save</c>). Forward hooks cannot reach inside a
/// script module, so the maps to dissect must be outputs of one of its methods (<c>forward</c> or one
/// exported with <c>@torch.jit.export</c>), a tensor or a tuple or list of tensors, named in the card's
/// <c>outputs</c> in the order the method returns them; or a dict of tensors (as torchvision's
/// <c>create_feature_extractor</c> returns), whose entries the card's <c>outputs</c> name by key
/// (<see cref="TorchScriptDictOutputs"/>).
/// </summary>
public sealed class TorchScriptCapture : ILayerCapture
{
    private readonly LoadedModule _loaded;
    private readonly ModelCard _card;
    private readonly int[] _indices;

    // The method invoked: the card's, or the one added to a copy of the archive when the card's returns a dict.
    private readonly string _method;

    private TorchScriptCapture(LoadedModule loaded, ModelCard card, string method, IReadOnlyList<string> layers, int[] indices)
    {
        _loaded = loaded;
        _card = card;
        _method = method;
        Layers = layers;
        _indices = indices;
    }

    public IReadOnlyList<string> Layers { get; }

    /// <summary>
    /// Loads the card's module on <paramref name="device"/> for <paramref name="layers"/> (names from the
    /// card's <c>outputs</c>) and runs the method once on a blank input, so that a module that cannot take the
    /// card's input, lacks the method or returns something else fails here, before any image is read.
    /// </summary>
    public static TorchScriptCapture Open(ModelCard card, IReadOnlyList<string> layers, Device device)
    {
        var file = card.FilePath ?? throw new ArgumentException("a TorchScript card has a file", nameof(card));
        if (layers.Count == 0)
        {
            throw new HndGateInputException("no layer to dissect was named", card.CardPath, jsonPointer: "/layers");
        }

        var copy = Patch(file, card);
        LoadedModule loaded;
        try
        {
            loaded = LoadedModule.Load(copy ?? file, file, device);
        }
        finally
        {
            if (copy is not null)
            {
                File.Delete(copy);
            }
        }

        try
        {
            var indices = layers.Select(layer => IndexOf(loaded.Module, card, layer)).ToArray();
            loaded.Module.eval();
            var capture = new TorchScriptCapture(loaded, card, copy is null ? card.Method : TorchScriptDictOutputs.Method, layers, indices);
            using var scope = NewDisposeScope();
            capture.Run(zeros([1, 3, card.Input.Size, card.Input.Size], device: device));
            return capture;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    public IReadOnlyList<Tensor> Run(Tensor batch)
    {
        var outer = CurrentDisposeScope;
        using var scope = NewDisposeScope();
        IReadOnlyList<Tensor> outputs;
        using (inference_mode())
        {
            outputs = Tensors(Invoke(batch));
        }

        if (outputs.Count != _card.Outputs.Count)
        {
            throw new HndGateInputException(
                $"'{_card.Method}' returns {outputs.Count} tensor(s) but 'outputs' names {_card.Outputs.Count}: name every output, in the order the method returns them"
                + (_card.Method == "forward" ? " (or set 'method' to the exported method that returns the maps)" : ""),
                _card.CardPath,
                jsonPointer: "/outputs");
        }

        return _indices.Select(i => outer is null ? outputs[i].DetachFromDisposeScope() : outputs[i].MoveToOtherDisposeScope(outer)).ToList();
    }

    /// <summary>For <c>hnd-gate layers</c>: each named output of the card's method, with its shape on one blank image.</summary>
    public static IReadOnlyList<TracedModule> Trace(ModelCard card)
    {
        using var capture = Open(card, card.Outputs, CPU);
        using var scope = NewDisposeScope();
        var outputs = capture.Run(zeros(1, 3, card.Input.Size, card.Input.Size));
        return capture.Layers.Select((name, i) => new TracedModule(name, $"output of {card.Method}()", outputs[i].shape, i, i)).ToList();
    }

    public void Dispose() => _loaded.Dispose();

    /// <summary>A copy of the archive whose added method returns the card's method's dict as a tuple; null when it returns no dict.</summary>
    private static string? Patch(string file, ModelCard card)
    {
        try
        {
            return TorchScriptDictOutputs.Patch(file, card.Method, card.Outputs);
        }
        catch (InvalidDataException e)
        {
            throw new HndGateInputException($"cannot load the TorchScript module: {e.Message}. The file may be truncated or not saved with torch.jit.save", file, inner: e);
        }
    }

    private object? Invoke(Tensor batch)
    {
        try
        {
            return _loaded.Module.invoke(_method, batch);
        }
        catch (ExternalException e) when (_method == TorchScriptDictOutputs.Method && e.Message.Contains("KeyError", StringComparison.Ordinal))
        {
            throw new HndGateInputException(
                $"'{_card.Method}' returns a dict, and 'outputs' must name its keys; the module said: {NativeErrorText.Summary(e.Message)}",
                _card.CardPath,
                jsonPointer: "/outputs",
                inner: e);
        }
        catch (ExternalException e) when (e.Message.StartsWith($"Method '{_method}' is not defined", StringComparison.Ordinal))
        {
            throw new HndGateInputException(
                $"the TorchScript module has no method '{_card.Method}': name 'forward' or a method exported with @torch.jit.export",
                _card.CardPath,
                jsonPointer: "/method",
                inner: e);
        }
        catch (ExternalException e)
        {
            throw new HndGateInputException(
                $"the TorchScript module fails on input of shape [{string.Join(", ", batch.shape)}]: {NativeErrorText.Summary(e.Message)}. Check input.size in the model card",
                _card.FilePath,
                inner: e);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or NotImplementedException)
        {
            // TorchSharp 0.107 reads tensors, tuples and lists back from TorchScript, and fails on dicts.
            throw new HndGateInputException(
                $"'{_card.Method}' returns a value TorchSharp cannot read (a dict, as create_feature_extractor returns, most likely): return the maps as a tuple of tensors instead (docs/torchscript-onnx.md)",
                _card.FilePath,
                inner: e);
        }
    }

    private IReadOnlyList<Tensor> Tensors(object? result)
    {
        IEnumerable<object?> items = result switch
        {
            Tensor t => [t],
            Tensor[] list => list,
            object?[] list => list,
            ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]),
            _ => [result],
        };
        return items.Select((item, i) => item as Tensor ?? throw new HndGateInputException(
            $"output {i} of '{_card.Method}' is {item?.GetType().Name ?? "None"}, not a tensor: the method must return a tensor or a tuple of tensors",
            _card.FilePath)).ToList();
    }

    private static int IndexOf(jit.ScriptModule module, ModelCard card, string layer)
    {
        var index = card.Outputs.ToList().IndexOf(layer);
        if (index >= 0)
        {
            return index;
        }

        bool isSubmodule;
        using (NewDisposeScope())
        {
            // Each wrapper TorchSharp makes for a submodule wraps its parameters too: the scope frees them.
            var submodules = module.named_modules().ToList();
            isSubmodule = submodules.Any(m => m.name == layer);
            foreach (var (_, submodule) in submodules)
            {
                submodule.Dispose();
            }
        }

        if (isSubmodule)
        {
            throw new HndGateInputException(
                $"'{layer}' is a submodule of the TorchScript module, but hooks cannot reach inside a script module: return its output from '{card.Method}' and name it in 'outputs' (docs/torchscript-onnx.md)",
                card.CardPath,
                jsonPointer: "/layers");
        }

        throw new HndGateInputException(
            $"'{layer}' is not among the outputs of '{card.Method}' that the card names. Nearest names: {string.Join(", ", LayerNames.Nearest(card.Outputs, layer))}",
            card.CardPath,
            jsonPointer: "/layers");
    }

    /// <summary>
    /// A loaded script module and the tensor wrappers TorchSharp 0.107 makes for its parameters and buffers
    /// when it loads it, and again when it disposes it (a wrapper per submodule, each wrapping its
    /// parameters). Left alone they would wait for the garbage collector, holding the weights; here they
    /// are freed with the module.
    /// </summary>
    private sealed class LoadedModule : IDisposable
    {
        private readonly IReadOnlyList<IDisposable> _wrappers;

        private LoadedModule(jit.ScriptModule module, IReadOnlyList<IDisposable> wrappers)
        {
            Module = module;
            _wrappers = wrappers;
        }

        public jit.ScriptModule Module { get; }

        /// <param name="shownFile">The file named in errors: the user's, when <paramref name="file"/> is a patched copy of it.</param>
        public static LoadedModule Load(string file, string shownFile, Device device)
        {
            using var scope = NewDisposeScope();
            try
            {
                var module = jit.load(file, device.type, device.index);
                var wrappers = scope.DisposablesView.ToList();
                scope.Detach(wrappers);
                return new LoadedModule(module, wrappers);
            }
            catch (ExternalException e)
            {
                throw new HndGateInputException(
                    $"cannot load the TorchScript module: {NativeErrorText.Summary(e.Message)}. The file may be truncated or not saved with torch.jit.save",
                    shownFile,
                    inner: e);
            }
        }

        public void Dispose()
        {
            using (NewDisposeScope())
            {
                Module.Dispose();
            }

            foreach (var wrapper in _wrappers)
            {
                wrapper.Dispose();
            }
        }
    }
}
