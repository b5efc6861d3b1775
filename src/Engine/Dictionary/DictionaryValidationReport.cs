namespace HndGate.Engine.Dictionary;

/// <summary>The outcome of <see cref="DictionaryValidator"/>: the dictionary that passed (lenient: without the dropped images).</summary>
/// <param name="Statistics">The counts of <paramref name="Dictionary"/>.</param>
/// <param name="FilesDecoded">Distinct image and mask files decoded.</param>
/// <param name="ContentHash">The hash of the dictionary that passed (<see cref="DictionaryContentHash"/>).</param>
/// <param name="ContentHashChecked">Whether the manifest declared a hash and it was compared (it is not when images were dropped).</param>
/// <param name="Warnings">The warnings of reading and of checking, in canonical order.</param>
public sealed record DictionaryValidationReport(
    FaceDictionary Dictionary,
    DictionaryStatistics Statistics,
    int FilesDecoded,
    string ContentHash,
    bool ContentHashChecked,
    IReadOnlyList<DictionaryWarning> Warnings);
