namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>What <c>dictionary synth</c> wrote: counts, how many local images carry each concept, the content hash.</summary>
public sealed record DictionarySynthResult(
    string Root,
    int LocalImages,
    int Masks,
    int GlobalImages,
    IReadOnlyList<(string Concept, int Images)> ConceptCounts,
    string ContentHash);
