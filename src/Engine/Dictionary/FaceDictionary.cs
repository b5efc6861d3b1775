namespace HndGate.Engine.Dictionary;

/// <summary>
/// The probe set of the method: local images with concept masks, and global families of images.
/// Lists are in canonical order (face-dictionary.md); every path is relative to <see cref="Root"/>.
/// </summary>
public sealed record FaceDictionary(
    string Root,
    DictionaryFormat Format,
    IReadOnlyList<Concept> Concepts,
    IReadOnlyList<LocalImage> Local,
    IReadOnlyList<GlobalFamily> Global,
    DictionarySource? Source = null)
{
    /// <summary>The concept of a given name, or null when the dictionary does not define it.</summary>
    public Concept? FindConcept(string name) => Concepts.FirstOrDefault(c => c.Name == name);

    /// <summary>Regions in order of first appearance among the concepts.</summary>
    public IReadOnlyList<string> Regions => Concepts.Select(c => c.Region).Distinct(StringComparer.Ordinal).ToList();
}
