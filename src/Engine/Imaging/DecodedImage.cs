namespace HndGate.Engine.Imaging;

/// <summary>An image decoded to 8-bit RGB, row-major, 3 bytes a pixel.</summary>
public sealed record DecodedImage(int Width, int Height, byte[] Rgb)
{
    /// <summary>ITU-R BT.601 luma (as PIL's "L" mode), for masks stored as RGB black and white (R1.3).</summary>
    public byte[] Grey()
    {
        var grey = new byte[Width * Height];
        for (var i = 0; i < grey.Length; i++)
        {
            var r = Rgb[3 * i];
            var g = Rgb[(3 * i) + 1];
            var b = Rgb[(3 * i) + 2];
            grey[i] = (byte)(((r * 299) + (g * 587) + (b * 114) + 500) / 1000);
        }

        return grey;
    }
}
