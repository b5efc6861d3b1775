namespace HndGate.Engine.Results;

/// <summary>
/// The noise guard's result (docs/bootstrap.md): B replicates of the dictionary, each image drawn with
/// replacement within its subgroup or concept stratum, and the interval at <see cref="Level"/> of every metric.
/// </summary>
/// <param name="Replicates">B.</param>
/// <param name="Seed">The seed the replicates were drawn with.</param>
/// <param name="Level">The confidence level, 0.95: the interval runs from the 2.5th to the 97.5th percentile.</param>
public sealed record BootstrapIntervals(int Replicates, long Seed, double Level, IReadOnlyList<LayerIntervals> Layers);
