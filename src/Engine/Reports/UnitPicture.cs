namespace HndGate.Engine.Reports;

/// <summary>
/// The paper's Fig. 11 for one unit and one of its top images: the dictionary image with the unit's thresholded,
/// upsampled activation (B of R3) overlaid, as PNG bytes.
/// </summary>
/// <param name="Image">The local image's path as the results file names it.</param>
/// <param name="Maximum">The unit's maximum activation on the image.</param>
public sealed record UnitPicture(string Layer, int Unit, string Image, double Maximum, byte[] Png);
