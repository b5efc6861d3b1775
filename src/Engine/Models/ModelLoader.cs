using HndGate.Engine.Models.Onnx;
using HndGate.Engine.Models.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>Builds the network a model card describes, loads its weights, and moves it to the requested device, in eval mode.</summary>
public static class ModelLoader
{
    /// <summary>
    /// Builds the card's architecture, checks on one blank image that it takes the card's input size, and
    /// loads the weights file (every parameter up to the deepest of <paramref name="layers"/> must load;
    /// those after it may be skipped). Without a weights file the network keeps seeded random weights.
    /// </summary>
    public static LoadedModel Load(ModelCard card, IReadOnlyList<string> layers, Device device)
    {
        var model = Create(card);
        try
        {
            var trace = ForwardTrace.Run(model, card.Input.Size, card.CardPath);
            WeightLoadReport? report = null;
            if (card.WeightsPath is { } path)
            {
                using var weights = StateDictReader.Read(path);
                report = WeightLoader.Load(model, weights, trace, layers, card.Architecture!, card.CardPath);
            }

            model.to(device);
            return new LoadedModel(model, report);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The card's architecture with seeded random weights (the same card gives the same network), on the CPU.</summary>
    public static nn.Module<Tensor, Tensor> Create(ModelCard card)
    {
        torch.manual_seed(card.Seed);
        return BuiltInArchitectures.Create(card.Architecture!, card.NumClasses, card.CardPath);
    }

    /// <summary>
    /// The network of the card, whatever its format, capturing <paramref name="layers"/> on
    /// <paramref name="device"/>. <paramref name="deviceRequested"/>: the user named the device (not "auto").
    /// <paramref name="weightsLoaded"/> hears what loading a weights file did (skipped and unused entries).
    /// </summary>
    public static ILayerCapture Capture(ModelCard card, IReadOnlyList<string> layers, Device device, bool deviceRequested, Action<WeightLoadReport>? weightsLoaded = null) => card.Format switch
    {
        ModelFormat.TorchScript => TorchScriptCapture.Open(card, layers, device),
        ModelFormat.Onnx => OnnxCapture.Open(card, layers, device, deviceRequested),
        _ => CaptureBuiltIn(card, layers, device, weightsLoaded),
    };

    private static ActivationCapture CaptureBuiltIn(ModelCard card, IReadOnlyList<string> layers, Device device, Action<WeightLoadReport>? weightsLoaded)
    {
        var loaded = Load(card, layers, device);
        if (loaded.Weights is { } report)
        {
            weightsLoaded?.Invoke(report);
        }

        return ActivationCapture.Owning(loaded.Module, layers, card.CardPath);
    }
}
