namespace HndGate.Engine.Models.Weights;

/// <summary>
/// What loading a weights file did: how many tensors it copied, which parameters after the deepest
/// dissected layer it skipped (custom heads), and which tensors of the file the model has no use for.
/// </summary>
public sealed record WeightLoadReport(
    string File,
    WeightFileFormat Format,
    string? NestedKey,
    bool StrippedModulePrefix,
    string DeepestLayer,
    int Loaded,
    IReadOnlyList<SkippedWeight> Skipped,
    IReadOnlyList<string> Unused);
