namespace HndGate.Engine.Dictionary;

/// <summary>
/// Where per-image problems go: strict, the first one is thrown; lenient, each becomes a warning and the
/// caller drops the image (<see cref="DictionaryLoadOptions.Lenient"/>).
/// </summary>
internal sealed class ImageProblems(DictionaryLoadOptions options)
{
    private readonly List<DictionaryWarning> warnings = [];

    public IReadOnlyList<DictionaryWarning> Warnings => warnings;

    /// <summary>Throws when strict; records a warning naming the dropped <paramref name="dropped"/> when lenient.</summary>
    public void Report(InputLocation location, string problem, string dropped)
    {
        if (!options.Lenient)
        {
            // A per-image problem need not stop the whole dictionary: say how to go on without the image.
            throw location.Error($"{problem} (correct it, or pass --lenient to leave such images out, each with a warning)");
        }

        warnings.Add(new DictionaryWarning(location, $"{problem}; {dropped} dropped"));
    }
}
