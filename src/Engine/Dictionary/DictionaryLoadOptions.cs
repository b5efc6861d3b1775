namespace HndGate.Engine.Dictionary;

/// <summary>How to read and check a dictionary.</summary>
/// <param name="Lenient">
/// Per-image problems (a missing, unreadable, corrupt or oversized image or mask, a mask of another size
/// than its image, an unknown concept) become warnings and the image is dropped. Problems of the listing
/// itself (schema, CSV header, a path leaving the root, a duplicate entry, an empty subgroup) stay errors.
/// </param>
public sealed record DictionaryLoadOptions(bool Lenient = false);
