using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>
/// Captures the outputs of several layers in one forward pass through forward hooks, which fire only when
/// the model is run with <c>call</c>. Owns its hooks: disposing removes them (and disposes the model
/// when it was made with <see cref="Owning"/>).
/// </summary>
public sealed class ActivationCapture : ILayerCapture
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private bool _ownsModel;
    private readonly IReadOnlyList<string> _layers;
    private readonly List<Action> _removeHooks = [];
    private readonly Tensor?[] _captured;
    private DisposeScope? _target;

    public ActivationCapture(nn.Module<Tensor, Tensor> model, IReadOnlyList<string> layers, string modelDescription)
    {
        if (layers.Count == 0)
        {
            throw new HndGateInputException("no layer to dissect was named", modelDescription);
        }

        _model = model;
        _layers = layers;
        _captured = new Tensor?[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var index = i;
            var layer = LayerNames.Find(model, layers[i], modelDescription);
            var hook = layer.register_forward_hook((_, _, output) =>
            {
                // Models dispose intermediates in their own scopes: keep a copy in the caller's scope.
                var copy = output.detach().clone();
                _captured[index] = _target is null ? copy.DetachFromDisposeScope() : copy.MoveToOtherDisposeScope(_target);
                return output;
            });
            _removeHooks.Add(hook.remove);
        }
    }

    /// <summary>A capture that disposes <paramref name="model"/> with its hooks.</summary>
    public static ActivationCapture Owning(nn.Module<Tensor, Tensor> model, IReadOnlyList<string> layers, string modelDescription)
    {
        try
        {
            return new ActivationCapture(model, layers, modelDescription) { _ownsModel = true };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Layer names in the order <see cref="Run"/> returns their outputs.</summary>
    public IReadOnlyList<string> Layers => _layers;

    /// <summary>
    /// Runs the model on a batch without autograd and returns each layer's output (N × U × h × w), in the
    /// caller's dispose scope. The model's own output is dropped.
    /// </summary>
    public IReadOnlyList<Tensor> Run(Tensor batch)
    {
        Array.Clear(_captured);
        _target = torch.CurrentDisposeScope;
        try
        {
            using (torch.inference_mode())
            using (var scope = torch.NewDisposeScope())
            {
                _model.call(batch);
            }

            return _captured.Select((t, i) => t ?? throw new HndGateRuntimeException(
                $"the layer '{_layers[i]}' was not reached in the forward pass: it may be unused by the model's forward()")).ToList();
        }
        finally
        {
            _target = null;
        }
    }

    public void Dispose()
    {
        foreach (var remove in _removeHooks)
        {
            remove();
        }

        _removeHooks.Clear();
        if (_ownsModel)
        {
            _model.Dispose();
            _ownsModel = false;
        }
    }
}
