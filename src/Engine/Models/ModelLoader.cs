using HndGate.Engine.Models.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>Builds the network a model card describes, on the requested device, in eval mode.</summary>
public static class ModelLoader
{
    public static nn.Module<Tensor, Tensor> Load(ModelCard card, Device device)
    {
        if (card.WeightsPath is not null)
        {
            throw new HndGateInputException(
                "this version of hnd-gate cannot read weight files yet; remove 'weights' to dissect the architecture with seeded random weights",
                card.CardPath,
                jsonPointer: "/weights");
        }

        // Seeded random weights: the same card gives the same network, for demos and tests.
        torch.manual_seed(card.Seed);
        var model = TorchVisionArchitectures.Create(card.Architecture!, card.NumClasses, card.CardPath);
        model.to(device);
        return model;
    }

    /// <summary>
    /// The network of the card, whatever its format, capturing <paramref name="layers"/> on
    /// <paramref name="device"/>. <paramref name="deviceRequested"/>: the user named the device (not "auto").
    /// </summary>
    public static ILayerCapture Capture(ModelCard card, IReadOnlyList<string> layers, Device device, bool deviceRequested) => card.Format switch
    {
        ModelFormat.TorchScript => TorchScriptCapture.Open(card, layers, device),
        ModelFormat.Onnx => OnnxCapture.Open(card, layers, device, deviceRequested),
        _ => ActivationCapture.Owning(Load(card, device), layers, card.CardPath),
    };
}
