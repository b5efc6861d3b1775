namespace HndGate.Engine.Reports;

/// <summary>One <see cref="UnitPicture"/> ready to inline: the PNG as Base64 for a data: URI.</summary>
/// <param name="Image">The local image's path.</param>
/// <param name="Maximum">The unit's maximum activation on it, formatted.</param>
public sealed record PictureTile(string Image, string Maximum, string Base64);
