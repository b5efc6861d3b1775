namespace HndGate.Engine.Results;

/// <summary>
/// Everything a dissection produced, as written to the results JSON (schemas/results.schema.json).
/// <see cref="LocalImages"/> are the dictionary's local image paths in canonical order, so that the
/// top-activating images of each unit can be named.
/// </summary>
/// <param name="Bootstrap">The noise guard's intervals (docs/bootstrap.md), when the run drew replicates.</param>
public sealed record DissectionResults(
    DissectionFingerprint Fingerprint,
    DissectionSettings Settings,
    IReadOnlyList<string> LocalImages,
    IReadOnlyList<DissectedLayer> Layers,
    BootstrapIntervals? Bootstrap = null);
