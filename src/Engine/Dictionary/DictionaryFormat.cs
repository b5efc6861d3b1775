namespace HndGate.Engine.Dictionary;

/// <summary>Which on-disk layout a dictionary was read from (face-dictionary.md).</summary>
public enum DictionaryFormat
{
    /// <summary>Format A: the authors' published layout (CSV files and folders).</summary>
    PublishedLayout,

    /// <summary>Format B: hnd-gate's own manifest, hnd-dictionary.json.</summary>
    Manifest,
}
