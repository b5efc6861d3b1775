namespace HndGate.Engine.Gate;

/// <summary>
/// Where the HTML report's pictures (Fig. 11) come from: the dictionary and the model card or activation files
/// the results were made with. Without one the report has no pictures and says so.
/// </summary>
public sealed record PictureSource
{
    public required string DictionaryPath { get; init; }

    public string? ModelCard { get; init; }

    public string? ActivationsDirectory { get; init; }

    /// <summary>With activation files: the layer they hold; null: the results' only layer.</summary>
    public string? ActivationsLayerName { get; init; }

    public int UnitsPerLayer { get; init; } = 24;

    public int ImagesPerUnit { get; init; } = 4;

    public string Device { get; init; } = "auto";

    public int BatchSize { get; init; } = 32;

    public int? Threads { get; init; }
}
