using HndGate.Engine.Results;

namespace HndGate.Engine.Reports.Pictures;

/// <summary>
/// What <see cref="UnitPictures"/> needs to draw the report's pictures of a result, validated once. Exactly one of
/// <see cref="ModelCard"/> and <see cref="ActivationsDirectory"/> is set: the model or the activation files the
/// results were made from.
/// </summary>
public sealed record UnitPictureOptions
{
    /// <summary>The dictionary the results were made with (its content hash must match the results').</summary>
    public required string DictionaryPath { get; init; }

    /// <summary>The results whose units are pictured: thresholds T_u, top images and map shapes come from here.</summary>
    public required RecordedResults Results { get; init; }

    /// <summary>The model card (hnd-model.json) of the dissected model.</summary>
    public string? ModelCard { get; init; }

    /// <summary>A folder of activation files (docs/activations.md); only <c>local.npy</c> is read, only the rows pictured.</summary>
    public string? ActivationsDirectory { get; init; }

    /// <summary>
    /// With <see cref="ActivationsDirectory"/>: the results' layer the files hold; null: the results' only layer.
    /// </summary>
    public string? ActivationsLayerName { get; init; }

    /// <summary>Layers to picture; empty: every layer of the results (with activation files: the files' layer).</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>Units pictured per layer, at most.</summary>
    public int UnitsPerLayer { get; init; } = 24;

    /// <summary>Top images pictured per unit, at most.</summary>
    public int ImagesPerUnit { get; init; } = 4;

    /// <summary>"cpu", "cuda", "cuda:N" or "auto".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Images per forward pass.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>LibTorch's intra-op threads; null keeps its default (all cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Throws <see cref="HndGateInputException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if ((ModelCard is null) == (ActivationsDirectory is null))
        {
            throw new HndGateInputException("give either --model CARD or --activations DIR (exactly one) to draw the unit pictures");
        }

        if (ModelCard is not null && ActivationsLayerName is not null)
        {
            throw new HndGateInputException("the activations' layer name is for --activations: a model card names its own layers");
        }

        if (UnitsPerLayer < 0)
        {
            throw new HndGateInputException($"{UnitsPerLayer} pictured units per layer must not be negative");
        }

        if (ImagesPerUnit < 0)
        {
            throw new HndGateInputException($"{ImagesPerUnit} pictured images per unit must not be negative");
        }

        if (BatchSize < 1)
        {
            throw new HndGateInputException($"--batch {BatchSize} must be at least 1");
        }

        if (Threads is < 1)
        {
            throw new HndGateInputException($"--threads {Threads} must be at least 1");
        }
    }
}
