namespace HndGate.Engine.Imaging;

/// <summary>
/// The largest image hnd-gate decodes. Checked on the header before any pixel is decoded, so that a file
/// claiming 100,000 × 100,000 pixels costs nothing.
/// </summary>
/// <param name="MaxSide">Largest width or height in pixels.</param>
/// <param name="MaxPixels">Largest width × height.</param>
/// <param name="MaxFileBytes">Largest file read into memory.</param>
public sealed record ImageLimits(int MaxSide = 8192, long MaxPixels = 40_000_000, long MaxFileBytes = 256L << 20)
{
    public static ImageLimits Default { get; } = new();
}
