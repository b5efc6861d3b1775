namespace HndGate.Engine.Dictionary.Building;

/// <summary>The options of <c>hnd-gate dictionary build</c>, checked once by <see cref="Validate"/>.</summary>
public sealed record DictionaryBuildOptions
{
    /// <summary>The folder the image paths of the CSV files are relative to.</summary>
    public required string ImagesFolder { get; init; }

    /// <summary>The landmarks CSV (<see cref="LandmarkTable"/>).</summary>
    public required string LandmarksFile { get; init; }

    /// <summary>The labels CSV (<see cref="LabelTable"/>); its rows are the local set.</summary>
    public required string LabelsFile { get; init; }

    /// <summary>The dictionary folder to write (Format B).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Optional global-set CSV (<see cref="GlobalLabelTable"/>).</summary>
    public string? GlobalsFile { get; init; }

    /// <summary>A concept map file; null for the standard map.</summary>
    public string? ConceptMapFile { get; init; }

    /// <summary>Overrides the concept map's confidence level.</summary>
    public double? Confidence { get; init; }

    /// <summary>Replace a non-empty output folder.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Throws <see cref="HndGateInputException"/> for options that cannot work.</summary>
    public void Validate()
    {
        if (!Directory.Exists(ImagesFolder))
        {
            throw new HndGateInputException("the images folder does not exist (--images)", ImagesFolder);
        }

        if (Confidence is { } p && !(p > 0 && p < 1))
        {
            throw new HndGateInputException(FormattableString.Invariant($"--confidence {p} is outside (0, 1): give a level such as 0.95"));
        }

        // Replacing the output folder deletes it: it must not hold the inputs.
        var output = Full(OutputFolder);
        foreach (var (input, option) in new[] { (ImagesFolder, "--images"), (LandmarksFile, "--landmarks"), (LabelsFile, "--labels"), (GlobalsFile, "--globals"), (ConceptMapFile, "--concept-map") })
        {
            if (input is not null && (Full(input) == output || Full(input).StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                throw new HndGateInputException($"the output folder holds the input of {option}: choose an output folder outside the inputs", OutputFolder);
            }
        }
    }

    private static string Full(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
}
