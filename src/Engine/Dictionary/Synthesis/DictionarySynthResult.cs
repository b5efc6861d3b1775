namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>What <c>dictionary synth</c> wrote: counts, local images per concept, the content hash and the time taken.</summary>
public sealed record DictionarySynthResult(
    string Root,
    int LocalImages,
    int Masks,
    int GlobalImages,
    IReadOnlyList<ConceptCount> Concepts,
    string ContentHash,
    double Seconds)
{
    /// <summary>The concept on the fewest local images (the first such in concept order).</summary>
    public ConceptCount Rarest => Concepts.MinBy(c => c.Images)!;
}
