namespace HndGate.Engine.Models;

/// <summary>
/// How a model wants its input (R1): square size S, channel order, pixel scale and per-channel
/// mean/std, in the model's channel order. These come from the model card, never from code.
/// </summary>
/// <param name="Size">S: images are resized to S × S.</param>
/// <param name="ChannelOrder">"RGB" or "BGR".</param>
/// <param name="PixelScale">The value a full-intensity 8-bit pixel maps to before normalisation: 1 (pixels in [0, 1]) or 255.</param>
public sealed record ModelInputSpec(int Size, string ChannelOrder, double PixelScale, IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>torchvision's ImageNet convention: RGB in [0, 1], normalised with ImageNet mean/std.</summary>
    public static ModelInputSpec ImageNet(int size) =>
        new(size, "RGB", 1.0, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);

    /// <summary>Throws when the spec cannot be applied, naming the file it came from.</summary>
    public void Validate(string source)
    {
        if (Size is < 8 or > 4096)
        {
            throw new HndGateInputException($"input size {Size} is outside 8..4096 pixels", source);
        }

        if (ChannelOrder is not ("RGB" or "BGR"))
        {
            throw new HndGateInputException($"channel order '{ChannelOrder}' is neither RGB nor BGR", source);
        }

        if (PixelScale <= 0)
        {
            throw new HndGateInputException($"pixel scale {PixelScale} must be positive (1 for [0,1] inputs, 255 for [0,255])", source);
        }

        if (Mean.Count != 3 || Std.Count != 3 || Std.Any(s => s <= 0))
        {
            throw new HndGateInputException("mean and std need 3 values each, and every std must be positive", source);
        }
    }
}
