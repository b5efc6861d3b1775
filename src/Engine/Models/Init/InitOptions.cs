namespace HndGate.Engine.Models.Init;

/// <summary>The options of <c>hnd-gate init</c>: the weights file, and what to take as given instead of inferring it.</summary>
public sealed record InitOptions
{
    /// <summary>The trained model's weights file.</summary>
    public required string WeightsPath { get; init; }

    /// <summary>The card to write.</summary>
    public string OutputPath { get; init; } = "hnd-model.json";

    /// <summary>The architecture, when not inferred from the file.</summary>
    public string? Architecture { get; init; }

    /// <summary>S, when not the architecture's default.</summary>
    public int? InputSize { get; init; }

    /// <summary>Replace an existing card.</summary>
    public bool Force { get; init; }

    public void Validate()
    {
        if (Architecture is not null)
        {
            BuiltInArchitectures.Find(Architecture, "--architecture");
        }

        if (InputSize is < 8 or > 4096)
        {
            throw new HndGateInputException($"--input-size {InputSize} is outside 8..4096 pixels");
        }

        if (File.Exists(OutputPath) && !Force)
        {
            throw new HndGateInputException("the card exists: pass --force to replace it, or --out to write another", OutputPath);
        }
    }
}
