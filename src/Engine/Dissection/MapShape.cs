using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>The activation map a layer gives for one image: U units (channels) of h × w positions.</summary>
public sealed record MapShape(int Units, int Height, int Width)
{
    /// <summary>The map shape of a batch N × U × h × w; anything but a convolutional map is refused.</summary>
    public static MapShape Of(Tensor activations, string layer)
    {
        if (activations.dim() != 4)
        {
            throw new HndGateInputException(
                $"the layer '{layer}' gives outputs of shape ({string.Join(", ", activations.shape)}): dissection needs convolutional maps N × U × h × w; pick a convolutional layer ('hnd-gate layers' lists them)");
        }

        return new MapShape((int)activations.shape[1], (int)activations.shape[2], (int)activations.shape[3]);
    }

    /// <summary>Refuses a batch whose maps differ from this shape (the shape of the first local image).</summary>
    /// <param name="images">Which images the batch holds, for the message ("global images").</param>
    public void Require(Tensor activations, string layer, string images)
    {
        var actual = Of(activations, layer);
        if (actual != this)
        {
            throw new HndGateInputException(
                $"the layer '{layer}' gave maps of {actual} on the {images} but {this} on the first local image: every image must reach the model at the same size");
        }
    }

    public override string ToString() => $"{Units} × {Height} × {Width}";
}
