namespace HndGate.Engine.Models;

/// <summary>
/// What <c>hnd-gate layers</c> shows: every submodule of the card's network with its output shape at the
/// card's input size, in forward order, so that a user can pick the layers to dissect. The weights file
/// is not read: shapes do not depend on it.
/// </summary>
/// <param name="Architecture">The architecture, or the format for TorchScript and ONNX cards.</param>
public sealed record LayerListing(string CardPath, string Architecture, int InputSize, IReadOnlyList<TracedModule> Modules)
{
    public int DissectableCount => Modules.Count(m => m.Dissectable);

    /// <summary>Column widths for a plain-text table.</summary>
    public int NameWidth => Modules.Select(m => m.Name.Length).DefaultIfEmpty(0).Max();

    public int TypeWidth => Modules.Select(m => m.Type.Length).DefaultIfEmpty(0).Max();

    public static LayerListing For(ModelCard card)
    {
        switch (card.Format)
        {
            case ModelFormat.Onnx:
                return new LayerListing(card.CardPath, $"ONNX {Path.GetFileName(card.FilePath)}", card.Input.Size, Onnx.OnnxCapture.Trace(card));
            case ModelFormat.TorchScript:
                return new LayerListing(card.CardPath, $"TorchScript {Path.GetFileName(card.FilePath)}", card.Input.Size, TorchScriptCapture.Trace(card));
            default:
                using (var model = ModelLoader.Create(card))
                {
                    return new LayerListing(card.CardPath, card.Architecture!, card.Input.Size, ForwardTrace.Run(model, card.Input.Size, card.CardPath));
                }
        }
    }
}
