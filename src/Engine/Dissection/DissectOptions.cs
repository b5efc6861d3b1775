namespace HndGate.Engine.Dissection;

/// <summary>
/// The options of <c>hnd-gate dissect</c>, validated once. Exactly one of <see cref="ModelCard"/> and
/// <see cref="ActivationsDirectory"/> is set.
/// </summary>
public sealed record DissectOptions
{
    /// <summary>The most bootstrap replicates a run may ask for.</summary>
    public const int MaxBootstrap = 100_000;

    public required string DictionaryPath { get; init; }

    /// <summary>The model card (hnd-model.json) of the model to run.</summary>
    public string? ModelCard { get; init; }

    /// <summary>A folder of activation files (local.npy, global/&lt;family&gt;.npy) instead of a model.</summary>
    public string? ActivationsDirectory { get; init; }

    /// <summary>Layers to dissect; empty: the model card's default layers.</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>The layer name recorded for activation files (they hold one layer).</summary>
    public string ActivationsLayerName { get; init; } = "activations";

    /// <summary>The results JSON to write.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Also write the captured activations as .npy files here (one folder per layer).</summary>
    public string? SaveActivationsDirectory { get; init; }

    /// <summary>"cpu", "cuda", "cuda:N" or "auto".</summary>
    public string Device { get; init; } = "auto";

    public int BatchSize { get; init; } = 32;

    /// <summary>LibTorch's intra-op threads; null keeps its default (all cores).</summary>
    public int? Threads { get; init; }

    /// <summary>R3's tally resolution; null: the model's input size S.</summary>
    public int? TallySize { get; init; }

    /// <summary>Bytes of activations kept in memory between the passes; null: half of the available memory.</summary>
    public long? MemoryBudget { get; init; }

    /// <summary>
    /// Recompute activations with a second forward pass instead of caching them. Cached runs take every
    /// statistic on float16-rounded activations (the cache's precision); --no-cache runs stay in float32.
    /// </summary>
    public bool NoCache { get; init; }

    /// <summary>q of R2.</summary>
    public double Quantile { get; init; } = 0.005;

    /// <summary>τ_iou of R4.</summary>
    public double IouThreshold { get; init; } = 0.04;

    /// <summary>θ_G overrides of R6 by family.</summary>
    public IReadOnlyDictionary<string, double> FamilyThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>Drop unreadable dictionary images with a warning instead of failing.</summary>
    public bool Lenient { get; init; }

    /// <summary>
    /// Run one shard's part of a sharded dissection (docs/sharding.md): its ranges of the images, one phase;
    /// <see cref="OutputPath"/> is then the folder of the shard's state. Null: the whole run.
    /// </summary>
    public Sharding.Shard? Shard { get; init; }

    /// <summary>With <see cref="Shard"/>: 1 (first pass: top-k, extremes) or 2 (tally against merged thresholds).</summary>
    public int? Phase { get; init; }

    /// <summary>Phase 2: the folder 'hnd-gate merge --phase 1' wrote.</summary>
    public string? ThresholdsPath { get; init; }

    /// <summary>
    /// B, the bootstrap replicates for the metrics' confidence intervals (docs/bootstrap.md); 0: none.
    /// The tally then keeps every local image's counts (4·U·(N + Σ|C_n|) bytes a layer).
    /// </summary>
    public int Bootstrap { get; init; }

    /// <summary>The seed the bootstrap replicates are drawn with.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Throws <see cref="HndGateInputException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if ((ModelCard is null) == (ActivationsDirectory is null))
        {
            throw new HndGateInputException("give either --model CARD or --activations DIR (exactly one)");
        }

        if (ActivationsDirectory is not null && SaveActivationsDirectory is not null)
        {
            throw new HndGateInputException("--save-activations needs --model: activations read from files are not written again");
        }

        if (BatchSize < 1)
        {
            throw new HndGateInputException($"--batch {BatchSize} must be at least 1");
        }

        if (Threads is < 1)
        {
            throw new HndGateInputException($"--threads {Threads} must be at least 1");
        }

        if (TallySize is < 1 or > 4096)
        {
            throw new HndGateInputException($"--tally-size {TallySize} must be between 1 and 4096");
        }

        if (!(Quantile > 0 && Quantile < 1))
        {
            throw new HndGateInputException($"--quantile {Quantile} must be between 0 and 1 (the paper's is 0.005)");
        }

        if (!(IouThreshold >= 0 && IouThreshold <= 1))
        {
            throw new HndGateInputException($"--iou-threshold {IouThreshold} must be between 0 and 1 (the paper's is 0.04)");
        }

        if (MemoryBudget is < 0)
        {
            throw new HndGateInputException("--memory-budget must not be negative");
        }

        if (Bootstrap is < 0 or > MaxBootstrap)
        {
            throw new HndGateInputException($"--bootstrap {Bootstrap} must be between 0 (no intervals) and {MaxBootstrap}; 200 replicates are usual (docs/bootstrap.md)");
        }

        ValidateSharding();
    }

    private void ValidateSharding()
    {
        if (Shard is null)
        {
            if (Phase is not null)
            {
                throw new HndGateInputException("--phase needs --shard i/n: name this runner's shard (--shard 1/1 for a single runner)");
            }

            if (ThresholdsPath is not null)
            {
                throw new HndGateInputException("--thresholds is for sharded runs: use it with --shard i/n --phase 2");
            }

            return;
        }

        if (Phase is null)
        {
            throw new HndGateInputException($"--shard {Shard} needs --phase 1 or --phase 2 (docs/sharding.md)");
        }

        if (Phase is not (1 or 2))
        {
            throw new HndGateInputException($"--phase {Phase} must be 1 (top-k and extremes) or 2 (the tally)");
        }

        if (Phase == 2 && ThresholdsPath is null)
        {
            throw new HndGateInputException("--phase 2 needs --thresholds DIR: the folder 'hnd-gate merge --phase 1' wrote from every shard's phase 1");
        }

        if (Phase == 1 && ThresholdsPath is not null)
        {
            throw new HndGateInputException("--thresholds is for --phase 2: phase 1 is what makes them");
        }

        if (SaveActivationsDirectory is not null)
        {
            throw new HndGateInputException("--save-activations is not available with --shard: save them in an unsharded run");
        }

        if (Bootstrap > 0)
        {
            throw new HndGateInputException("--bootstrap is not available with --shard: the replicates need every local image's tally in one process; run the bootstrap unsharded (docs/bootstrap.md)");
        }
    }
}
