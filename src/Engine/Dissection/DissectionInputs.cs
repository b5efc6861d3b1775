using System.Globalization;
using System.Security.Cryptography;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection.Sources;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using HndGate.Engine.Models.Weights;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// What a dissection reads, opened once from its options: the dictionary, the activation source (a model or
/// activation files), the precision, and the plan worked out from them. The passes read images through
/// <see cref="Local"/> and <see cref="Global"/>, which round and check every batch the same way for a whole
/// run and for each shard. Owns the source.
/// </summary>
internal sealed class DissectionInputs : IDisposable
{
    private readonly ImageFileDecoder _decoder;

    private DissectionInputs(DissectionPlan plan, FaceDictionary dictionary, IActivationSource source, ActivationPrecision precision, int batchSize, ImageFileDecoder decoder)
    {
        Plan = plan;
        BatchSize = batchSize;
        Dictionary = dictionary;
        Source = source;
        Precision = precision;
        _decoder = decoder;
    }

    public DissectionPlan Plan { get; }

    public FaceDictionary Dictionary { get; }

    public IActivationSource Source { get; }

    public ActivationPrecision Precision { get; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    public Device Device => Source.Device;

    /// <param name="weightsLoaded">Told what loading the model's weights file did, when there is one.</param>
    public static DissectionInputs Open(DissectOptions options, ImageFileDecoder decoder, JsonSchemaValidator validator, Action<WeightLoadReport>? weightsLoaded = null)
    {
        options.Validate();
        if (options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = DeviceSelection.Resolve(options.Device);
        var (dictionary, dictionaryHash) = LoadDictionary(options.DictionaryPath, options.Lenient, decoder);
        var concepts = DissectionConcepts.FromDictionary(dictionary, options.FamilyThresholds);
        if (dictionary.Local.Count == 0)
        {
            throw new HndGateInputException("the dictionary has no local image: the tally (R3) needs at least one", dictionary.Root);
        }

        ModelCard? card = null;
        IActivationSource source;
        string modelHash;
        if (options.ModelCard is { } cardPath)
        {
            card = ModelCardReader.Read(cardPath, validator);
            var layers = options.Layers.Count > 0 ? options.Layers : card.Layers;
            var capture = ModelLoader.Capture(card, layers, device, deviceRequested: options.Device != "auto", weightsLoaded);
            source = new ModelActivationSource(capture, card.Input, dictionary, decoder, options.BatchSize, device);
            modelHash = HashFiles(new[] { card.CardPath, card.WeightsPath, card.FilePath }.OfType<string>());
        }
        else
        {
            var npy = new NpyActivationSource(options.ActivationsDirectory!, options.ActivationsLayerName, dictionary, options.BatchSize, device);
            source = npy;
            modelHash = HashFiles(npy.Files(dictionary));
        }

        try
        {
            var inputSize = card?.Input.Size ?? options.TallySize ?? throw new HndGateInputException(
                "--tally-size is needed with --activations: the tally resolution (the model's input size S in the paper) is not known from activation files");
            var settings = new DissectionSettings(
                options.Quantile,
                options.IouThreshold,
                options.TallySize ?? inputSize,
                inputSize,
                concepts.Families.Select(f => new KeyValuePair<string, double>(f.Name, f.Threshold)).ToList());
            var precision = ActivationPrecision.For(options);
            var fingerprint = new DissectionFingerprint(
                EngineVersion.Text,
                modelHash,
                card?.Architecture ?? card?.Format ?? "activations",
                dictionaryHash,
                device.ToString(),
                Fingerprinted(options, source.Layers, settings, precision));

            // R2: k = max(1, floor(q·N·h·w)) over all N local images, whatever part of them a shard sees.
            var layerPlans = MapShapes(source)
                .Select((shape, l) => new LayerPlan(
                    source.Layers[l],
                    shape,
                    ActivationThresholds.TopCountFor(options.Quantile, (long)dictionary.Local.Count * shape.Height * shape.Width)))
                .ToList();
            var plan = new DissectionPlan(fingerprint, settings, concepts, dictionary.Local.Select(i => i.ImagePath).ToList(), layerPlans);
            return new DissectionInputs(plan, dictionary, source, precision, options.BatchSize, decoder);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The local images of <paramref name="range"/> in batches, at the run's precision, each with the index of
    /// its first image. A batch's tensors live until the next one is asked for.
    /// </summary>
    public IEnumerable<(int First, IReadOnlyList<Tensor> Activations)> Local(ImageRange range, string stage, IProgress<DissectionProgress>? progress, CancellationToken cancel)
    {
        var first = range.First;
        foreach (var batch in Checked(Source.Local(range.First, range.Count), "local images", cancel))
        {
            yield return (first, batch);
            first += (int)batch[0].shape[0];
            progress?.Report(new DissectionProgress(stage, first - range.First, range.Count));
        }
    }

    /// <summary>
    /// The global images of <paramref name="range"/> (family after family, R6's layout) in batches at the run's
    /// precision, each with the index of its family. A batch's tensors live until the next one is asked for.
    /// </summary>
    public IEnumerable<(int Family, IReadOnlyList<Tensor> Activations)> Global(ImageRange range, IProgress<DissectionProgress>? progress, CancellationToken cancel)
    {
        var offset = 0;
        var done = 0;
        for (var f = 0; f < Dictionary.Global.Count; f++)
        {
            var family = Dictionary.Global[f];
            var part = range.Within(offset, family.ImageCount);
            offset += family.ImageCount;
            if (part.Count == 0)
            {
                continue;
            }

            foreach (var batch in Checked(Source.Global(family, part.First, part.Count), "global images", cancel))
            {
                yield return (f, batch);
                done += (int)batch[0].shape[0];
                progress?.Report(new DissectionProgress("global images", done, range.Count));
            }
        }
    }

    /// <summary>The masks of the local images at the tally resolution (R1.3).</summary>
    public ConceptMaskLoader Masks() => new(Dictionary, Plan.Concepts, _decoder, Plan.Settings.TallySize);

    public void Dispose() => Source.Dispose();

    /// <summary>
    /// Each batch of the source with the layers' shapes checked, rounded to the run's precision inside a
    /// dispose scope that ends, with the source's tensors, when the next batch is asked for.
    /// </summary>
    private IEnumerable<IReadOnlyList<Tensor>> Checked(IEnumerable<IReadOnlyList<Tensor>> batches, string images, CancellationToken cancel)
    {
        foreach (var batch in batches)
        {
            try
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var rounded = new List<Tensor>(batch.Count);
                for (var l = 0; l < batch.Count; l++)
                {
                    Plan.Layers[l].Shape.Require(batch[l], Plan.Layers[l].Name, images);
                    rounded.Add(Precision.Apply(batch[l], Plan.Layers[l].Name));
                }

                yield return rounded;
            }
            finally
            {
                foreach (var t in batch)
                {
                    t.Dispose();
                }
            }
        }
    }

    /// <summary>The layers' map shapes, from the first local image.</summary>
    private static IReadOnlyList<MapShape> MapShapes(IActivationSource source)
    {
        foreach (var batch in source.Local(0, 1))
        {
            try
            {
                return batch.Select((a, l) => MapShape.Of(a, source.Layers[l])).ToList();
            }
            finally
            {
                foreach (var t in batch)
                {
                    t.Dispose();
                }
            }
        }

        throw new InvalidOperationException("the source gave no batch for the first local image");
    }

    /// <summary>The dictionary as a dissection reads it, and the content hash its results record.</summary>
    internal static (FaceDictionary Dictionary, string Hash) LoadDictionary(string path, bool lenient, ImageFileDecoder decoder)
    {
        var loadOptions = new DictionaryLoadOptions(lenient);
        var loaded = DictionaryLoader.Load(path, loadOptions);
        if (!lenient)
        {
            return (loaded.Dictionary, DictionaryContentHash.Compute(loaded.Dictionary));
        }

        // Lenient: decode everything first so that unreadable images are dropped, not fatal mid-run.
        var report = new DictionaryValidator(decoder).Validate(loaded, loadOptions);
        return (report.Dictionary, report.ContentHash);
    }

    private static string HashFiles(IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            sha.AppendData(SHA256.HashData(stream));
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Every option that shapes the numbers, sorted by name; batch size, paths, budget and sharding do not. The
    /// LibTorch thread count in effect is recorded: it can change a convolution's rounding, so results are
    /// byte-identical only for the same count (R9), and shards of different counts are not merged.
    /// </summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Fingerprinted(
        DissectOptions options, IReadOnlyList<string> layers, DissectionSettings settings, ActivationPrecision precision)
    {
        var list = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["iou_threshold"] = settings.IouThreshold.ToString("R", CultureInfo.InvariantCulture),
            ["layers"] = string.Join(",", layers),
            ["lenient"] = options.Lenient ? "true" : "false",
            ["precision"] = precision.Name,
            ["quantile"] = settings.Quantile.ToString("R", CultureInfo.InvariantCulture),
            ["tally_size"] = settings.TallySize.ToString(CultureInfo.InvariantCulture),
            ["threads"] = torch.get_num_threads().ToString(CultureInfo.InvariantCulture),
        };
        // The bootstrap adds intervals and changes no value; a run without it records nothing, as before it existed.
        if (options.Bootstrap > 0)
        {
            list["bootstrap"] = options.Bootstrap.ToString(CultureInfo.InvariantCulture);
            list["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (family, theta) in settings.FamilyThresholds)
        {
            list["theta." + family] = theta.ToString("R", CultureInfo.InvariantCulture);
        }

        return list.ToList();
    }
}
