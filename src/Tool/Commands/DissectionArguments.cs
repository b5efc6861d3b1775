using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HndGate.Engine;
using HndGate.Engine.Dissection;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

/// <summary>
/// The options of a dissection, shared by <c>dissect</c> and <c>check</c> so that both read the same way, and
/// their mapping to <see cref="DissectOptions"/>.
/// </summary>
internal abstract class DissectionArguments
{
    [Option("--dictionary <DIR>", Description = "The Face Dictionary (published layout or hnd-dictionary.json).")]
    [Required(ErrorMessage = "--dictionary DIR is required: the Face Dictionary folder ('hnd-gate dictionary synth' makes a synthetic one)")]
    public string? Dictionary { get; init; }

    [Option("--model <CARD>", Description = "The model card (hnd-model.json).")]
    public string? Model { get; init; }

    [Option("--activations <DIR>", Description = "Dissect activation files instead of running a model (docs/activations.md).")]
    public string? Activations { get; init; }

    [Option("--layer <NAME>", Description = "A layer to dissect, by dotted name; repeat for several (default: the card's layers).")]
    public string[] Layers { get; init; } = [];

    [Option("--layer-name <NAME>", Description = "With --activations: the name to record for the layer (default 'activations').")]
    public string LayerName { get; init; } = "activations";

    [Option("--device <DEVICE>", Description = "cpu, cuda, cuda:N or auto (default auto: CUDA when available).")]
    public string Device { get; init; } = "auto";

    [Option("--batch <N>", Description = "Images per forward pass (default 32).")]
    public int Batch { get; init; } = 32;

    [Option("--threads <N>", Description = "CPU threads for LibTorch (default: all cores; results are byte-identical for the same count).")]
    public int? Threads { get; init; }

    [Option("--tally-size <PX>", Description = "Resolution of the IoU tally (default: the model's input size).")]
    public int? TallySize { get; init; }

    [Option("--memory-budget <SIZE>", Description = "Cached activations kept on the run's device (RAM for cpu, GPU memory for cuda), e.g. 4G; the rest spills to a memory-mapped file. Default: half of the available RAM, or of the GPU's free memory.")]
    public string? MemoryBudget { get; init; }

    [Option("--quantile <Q>", Description = "Top fraction of activations above the unit threshold (R2, default 0.005; check: the policy's stages).")]
    public double? Quantile { get; init; }

    [Option("--iou-threshold <T>", Description = "IoU a unit needs to be localisable (R4, default 0.04; check: the policy's stages).")]
    public double? IouThreshold { get; init; }

    [Option("--theta <FAMILY_VALUE>", Description = "Stage I bias threshold for a family (R6), e.g. gender=0.6; repeatable (wins over the policy's stages).")]
    public string[] Theta { get; init; } = [];

    [Option("--lenient", Description = "Drop unreadable dictionary images with a warning instead of failing.")]
    public bool Lenient { get; init; }

    [Option("--libtorch <DIR>", Description = "Load LibTorch 2.10 from this folder (e.g. a CUDA build). Default: $HNDGATE_LIBTORCH.")]
    public string? LibTorch { get; init; }

    /// <summary>The dissection these options ask for, writing its results to <paramref name="output"/>.</summary>
    protected DissectOptions ToDissectOptions(string output) => new()
    {
        DictionaryPath = Dictionary!,
        ModelCard = Model,
        ActivationsDirectory = Activations,
        Layers = Layers,
        ActivationsLayerName = LayerName,
        OutputPath = output,
        Device = Device,
        BatchSize = Batch,
        Threads = Threads,
        TallySize = TallySize,
        MemoryBudget = MemoryBudget is null ? null : Engine.Dissection.MemoryBudget.Parse(MemoryBudget, "--memory-budget"),
        Quantile = Quantile ?? 0.005,
        IouThreshold = IouThreshold ?? 0.04,
        FamilyThresholds = ParseTheta(Theta),
        Lenient = Lenient,
    };

    private static Dictionary<string, double> ParseTheta(IEnumerable<string> values)
    {
        var thetas = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var parts = value.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var theta) || !(theta > 0 && theta <= 1))
            {
                throw new HndGateInputException($"--theta '{value}' is not FAMILY=VALUE with 0 < VALUE ≤ 1 (e.g. gender=0.55)");
            }

            thetas[parts[0]] = theta;
        }

        return thetas;
    }
}
