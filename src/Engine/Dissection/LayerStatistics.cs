namespace HndGate.Engine.Dissection;

/// <summary>
/// What the first pass learns about one layer: R2's running top-k with the local images' per-image extremes,
/// and the global images' per-image extremes (R6). Owns both.
/// </summary>
public sealed class LayerStatistics(ActivationThresholds local, ActivationExtremes? global) : IDisposable
{
    /// <summary>R2 over local images, with their extremes (R5, R7).</summary>
    public ActivationThresholds Local { get; } = local;

    /// <summary>The global images' extremes (R6); null when the dictionary has no global image.</summary>
    public ActivationExtremes? Global { get; } = global;

    /// <summary>Takes in <paramref name="later"/>, the statistics of the shard that follows in canonical order.</summary>
    public void Merge(LayerStatistics later)
    {
        if ((Global is null) != (later.Global is null))
        {
            throw new ArgumentException("cannot merge statistics with global extremes into statistics without", nameof(later));
        }

        Local.Merge(later.Local);
        Global?.Merge(later.Global!);
    }

    public void Dispose()
    {
        Local.Dispose();
        Global?.Dispose();
    }
}
