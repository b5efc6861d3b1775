using System.Globalization;
using HndGate.Engine;

namespace HndGate.Bench;

/// <summary>The bench's command line, parsed once: a mode and the options every mode shares.</summary>
internal sealed record BenchOptions
{
    public required string Mode { get; init; }

    /// <summary>The dictionary to read; null: the default synthetic one, made once under <see cref="CacheDirectory"/>.</summary>
    public string? Dictionary { get; init; }

    /// <summary>Where the default dictionary and the bench's model card live between runs.</summary>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "hnd-gate-bench");

    /// <summary>S: the model's input size and the tally size.</summary>
    public int Size { get; init; } = 112;

    public string Layer { get; init; } = "layer4.1.conv1";

    public int Batch { get; init; } = 32;

    /// <summary>LibTorch's intra-op threads; null keeps its default (all cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Bytes the activation cache may keep in memory; null: the Engine's default (half of the available memory).</summary>
    public long? MemoryBudget { get; init; }

    /// <summary>tally: read local.npy from this folder (as <c>--save-activations</c> writes it) instead of running the model.</summary>
    public string? Activations { get; init; }

    /// <summary>tally: how many local images the authors' loop runs over (the first ones); null: all.</summary>
    public int? AuthorsImages { get; init; }

    /// <summary>tally: timed repeats of our tally (the median is reported).</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>tally: timed repeats of the authors' loop (the median is reported).</summary>
    public int AuthorsRepeats { get; init; } = 1;

    /// <summary>summary: the JSON figures of the other modes.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public const string Usage = """
        usage: hnd-gate-bench MODE [options]
          prepare   make the default synthetic dictionary and the model card (not timed)
          forward   (a) decode + preprocess + forward over the local and global images, no statistics
          dissect   (b) the whole dissection (Dissector.Run), stage timings from its progress reports
          tally     R3 tally: the authors' per-image, per-unit loop vs IouTally on the same activations
          summary FILE...  ratios and checks from the JSON lines of the modes above
        options:
          --dictionary DIR      default: synthesize 2,000 local + 1,000 global images (seed 1, 64 px) once
          --cache DIR           where the default dictionary and model card go (default: $TMPDIR/hnd-gate-bench)
          --size S              model input and tally size (default 112)
          --layer NAME          default layer4.1.conv1
          --batch N             default 32
          --threads N           LibTorch intra-op threads (default: LibTorch's, all cores)
          --memory-budget SIZE  activation cache budget, e.g. 512M (default: half of the available memory)
          --activations DIR     tally: read DIR/local.npy instead of running the model
          --authors-images N    tally: run the authors' loop over the first N images only (default: all)
          --repeats N           tally: repeats of our tally (default 5)
          --authors-repeats N   tally: repeats of the authors' loop (default 1)
        """;

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new HndGateInputException(Usage);
        }

        var options = new BenchOptions { Mode = args[0] };
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                files.Add(name);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new HndGateInputException($"{name} needs a value\n{Usage}");
            }

            var value = args[++i];
            options = name switch
            {
                "--dictionary" => options with { Dictionary = value },
                "--cache" => options with { CacheDirectory = value },
                "--size" => options with { Size = Positive(name, value) },
                "--layer" => options with { Layer = value },
                "--batch" => options with { Batch = Positive(name, value) },
                "--threads" => options with { Threads = Positive(name, value) },
                "--memory-budget" => options with { MemoryBudget = Engine.Dissection.MemoryBudget.Parse(value, name) },
                "--activations" => options with { Activations = value },
                "--authors-images" => options with { AuthorsImages = Positive(name, value) },
                "--repeats" => options with { Repeats = Positive(name, value) },
                "--authors-repeats" => options with { AuthorsRepeats = Positive(name, value) },
                _ => throw new HndGateInputException($"unknown option {name}\n{Usage}"),
            };
        }

        if (options.Mode is not ("prepare" or "forward" or "dissect" or "tally" or "summary"))
        {
            throw new HndGateInputException($"unknown mode '{options.Mode}'\n{Usage}");
        }

        if (files.Count > 0 && options.Mode != "summary")
        {
            throw new HndGateInputException($"unexpected argument '{files[0]}'\n{Usage}");
        }

        return options with { Files = files };
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new HndGateInputException($"{name} '{value}' must be a whole number ≥ 1");
}
