namespace HndGate.Engine.Results;

/// <summary>
/// What a results file records (schemas/results.schema.json): a <see cref="DissectionResults"/> without
/// R3's IoU counts, which the file does not keep. <see cref="ResultsReader"/> returns it; reports, the gate
/// and comparisons read it. The numbers of a read file are rounded to 6 significant digits (R9).
/// </summary>
/// <param name="LocalImages">
/// The local images that <c>TopImage.LocalImage</c> indexes. For results just computed: the dictionary's
/// local images in canonical order. For a read file: the images the file names, in order of first mention.
/// </param>
/// <param name="Bootstrap">The noise guard's intervals (docs/bootstrap.md), when the run drew replicates.</param>
public sealed record RecordedResults(
    DissectionFingerprint Fingerprint,
    DissectionSettings Settings,
    IReadOnlyList<string> LocalImages,
    IReadOnlyList<RecordedLayer> Layers,
    BootstrapIntervals? Bootstrap = null)
{
    /// <summary>What the results file keeps of <paramref name="results"/>: everything but the IoU counts.</summary>
    public static RecordedResults Of(DissectionResults results) => new(
        results.Fingerprint,
        results.Settings,
        results.LocalImages,
        results.Layers.Select(RecordedLayer.Of).ToList(),
        results.Bootstrap);
}
