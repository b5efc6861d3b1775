namespace HndGate.Engine.Models.Init;

/// <summary>
/// The options of <c>hnd-gate init</c>: the weights file, what to take as given instead of inferring it, and
/// the starter policy and GitHub Actions workflow to write beside the card.
/// </summary>
public sealed partial record InitOptions
{
    /// <summary>The trained model's weights file.</summary>
    public required string WeightsPath { get; init; }

    /// <summary>The card to write.</summary>
    public string OutputPath { get; init; } = "hnd-model.json";

    /// <summary>The architecture, when not inferred from the file.</summary>
    public string? Architecture { get; init; }

    /// <summary>S, when not the architecture's default.</summary>
    public int? InputSize { get; init; }

    /// <summary>Replace existing files (card, policy, workflow).</summary>
    public bool Force { get; init; }

    /// <summary>The starter policy's path; the workflow names it even when it is not written.</summary>
    public string PolicyPath { get; init; } = "policy.json";

    /// <summary>Write the starter policy (the command line's default; off here, so that a caller writes only what it asks for).</summary>
    public bool WritePolicy { get; init; }

    /// <summary>The workflow's path.</summary>
    public string WorkflowPath { get; init; } = ".github/workflows/hnd-gate.yml";

    /// <summary>Write the GitHub Actions workflow (the command line's default; off here, as <see cref="WritePolicy"/>).</summary>
    public bool WriteWorkflow { get; init; }

    /// <summary>The Face Dictionary the workflow dissects with, and whose global families the policy gates; null: the standard families, and a placeholder path.</summary>
    public string? DictionaryPath { get; init; }

    /// <summary>The runner label the workflow runs on when no <c>runs-on</c> input is given.</summary>
    public string RunsOn { get; init; } = "ubuntu-latest";

    /// <summary>The dictionary path the workflow names when none is given.</summary>
    public const string PlaceholderDictionary = "face-dictionary";

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

        RefuseToReplace(OutputPath, "the card exists: pass --force to replace it, or --out to write another");
        if (WritePolicy)
        {
            RefuseToReplace(PolicyPath, "the policy exists: pass --force to replace it, --policy-out to write another, or --no-policy to keep it");
        }

        if (WriteWorkflow)
        {
            RefuseToReplace(WorkflowPath, "the workflow exists: pass --force to replace it, --workflow-out to write another, or --no-workflow to keep it");
            if (!RunnerLabel().IsMatch(RunsOn))
            {
                throw new HndGateInputException($"--runs-on '{RunsOn}' is not a runner label (letters, digits, '_', '.', '-'), e.g. ubuntu-latest or gpu");
            }

            foreach (var (path, option) in new[] { (OutputPath, "--out"), (PolicyPath, "--policy-out"), (DictionaryPath ?? PlaceholderDictionary, "--dictionary") })
            {
                if (path.IndexOfAny(['\'', '\n', '\r']) >= 0)
                {
                    throw new HndGateInputException($"{option} '{path}' holds a quote or a line break, which the workflow's shell step cannot take: choose a plainer path");
                }
            }
        }

        var written = new[] { (OutputPath, true), (PolicyPath, WritePolicy), (WorkflowPath, WriteWorkflow) }
            .Where(p => p.Item2)
            .Select(p => Path.GetFullPath(p.Item1))
            .ToList();
        if (written.Distinct(StringComparer.Ordinal).Count() < written.Count)
        {
            throw new HndGateInputException("--out, --policy-out and --workflow-out name the same file: give each its own path");
        }
    }

    /// <summary>
    /// The folder the workflow's paths are relative to: the repository's root, which holds the workflow's
    /// .github/workflows folder (GitHub runs workflows only from there); the current folder for a workflow elsewhere.
    /// </summary>
    public string RepositoryRoot()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(WorkflowPath));
        var github = Path.GetDirectoryName(folder);
        return Path.GetFileName(folder) == "workflows" && Path.GetFileName(github) == ".github"
            ? Path.GetDirectoryName(github)!
            : Directory.GetCurrentDirectory();
    }

    private void RefuseToReplace(string path, string message)
    {
        if (File.Exists(path) && !Force)
        {
            throw new HndGateInputException(message, path);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial System.Text.RegularExpressions.Regex RunnerLabel();
}
