namespace HndGate.Engine.Gate;

/// <summary>The options of <c>hnd-gate report</c> (and the reporting half of <c>check</c>), validated once.</summary>
public sealed record ReportOptions
{
    /// <summary>The results JSON to report on.</summary>
    public required string ResultsPath { get; init; }

    /// <summary>The policy to gate with; null: the report shows the results only, "not gated".</summary>
    public string? PolicyPath { get; init; }

    /// <summary>A baseline results JSON (typically main's last) to compare with.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Compare with a baseline made from other inputs anyway, listing the differences.</summary>
    public bool AllowMismatch { get; init; }

    /// <summary>The folder report.md, report.html and junit.xml are written to.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>A folder of template overrides (report/&lt;name&gt;.scriban).</summary>
    public string? TemplateDirectory { get; init; }

    /// <summary>Where the pictures come from; null: none.</summary>
    public PictureSource? Pictures { get; init; }

    /// <summary>A file to append the Markdown report to ($GITHUB_STEP_SUMMARY, passed by the Tool).</summary>
    public string? StepSummaryPath { get; init; }

    /// <summary>Throws <see cref="HndGateInputException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if (AllowMismatch && BaselinePath is null)
        {
            throw new HndGateInputException("--allow-mismatch is about a baseline: give --baseline results.json too");
        }

        if (Pictures is { UnitsPerLayer: > 0 } and ({ ModelCard: null, ActivationsDirectory: null } or { ModelCard: not null, ActivationsDirectory: not null }))
        {
            throw new HndGateInputException("pictures need the model the results were made with: give --model CARD or --activations DIR with --dictionary (exactly one)");
        }

        if (Pictures is { UnitsPerLayer: < 0 } or { ImagesPerUnit: < 1 })
        {
            throw new HndGateInputException("--pictures N needs N ≥ 0 units per layer, and at least one image per unit");
        }
    }
}
