namespace HndGate.Engine.Models;

/// <summary>
/// What hnd-gate needs to run a trained model (schemas/model.schema.json): format, architecture, weights,
/// input, default layers. <see cref="WeightsPath"/> is absolute (resolved against the card's folder).
/// </summary>
public sealed record ModelCard(
    string CardPath,
    string Format,
    string? Architecture,
    int NumClasses,
    string? WeightsPath,
    long Seed,
    string? Task,
    ModelInputSpec Input,
    IReadOnlyList<string> Layers);
