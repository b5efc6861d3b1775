namespace HndGate.Engine.Dictionary;

/// <summary>A dictionary as read from disk, the warnings of a lenient read, and the manifest's declared hash.</summary>
public sealed record DictionaryLoadResult(
    FaceDictionary Dictionary,
    IReadOnlyList<DictionaryWarning> Warnings,
    DeclaredContentHash? DeclaredHash);
