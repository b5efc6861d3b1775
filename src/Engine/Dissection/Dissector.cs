using System.Globalization;
using System.Security.Cryptography;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection.Sources;
using HndGate.Engine.Formats;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// A whole dissection, in the paper's order: the local images' first pass (R2 thresholds, activations kept),
/// the global images (extremes for R6), the local images' second pass (R3 tally), then the stages (R4–R8).
/// </summary>
public sealed class Dissector(ImageFileDecoder decoder, JsonSchemaValidator validator)
{
    public DissectionResults Run(DissectOptions options, IProgress<DissectionProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        if (options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = DeviceSelection.Resolve(options.Device);
        var (dictionary, dictionaryHash) = LoadDictionary(options);
        var concepts = DissectionConcepts.FromDictionary(dictionary, options.FamilyThresholds);

        ModelCard? card = null;
        IActivationSource source;
        string modelHash;
        if (options.ModelCard is { } cardPath)
        {
            card = ModelCardReader.Read(cardPath, validator);
            var layers = options.Layers.Count > 0 ? options.Layers : card.Layers;
            var model = ModelLoader.Load(card, device);
            source = new ModelActivationSource(model, card.Input, layers, cardPath, dictionary, decoder, options.BatchSize, device);
            modelHash = HashFiles(new[] { card.CardPath, card.WeightsPath }.OfType<string>());
        }
        else
        {
            var npy = new NpyActivationSource(options.ActivationsDirectory!, options.ActivationsLayerName, dictionary, options.BatchSize, device);
            source = npy;
            modelHash = HashFiles(npy.Files(dictionary));
        }

        using (source)
        {
            var layers = DissectLayers(options, source, card, dictionary, concepts, device, progress, cancel, out var settings);
            var fingerprint = new DissectionFingerprint(
                EngineVersion.Text,
                modelHash,
                card?.Architecture ?? "activations",
                dictionaryHash,
                device.ToString(),
                Fingerprinted(options, source.Layers, settings));
            return new DissectionResults(fingerprint, settings, dictionary.Local.Select(i => i.ImagePath).ToList(), layers);
        }
    }

    private IReadOnlyList<DissectedLayer> DissectLayers(
        DissectOptions options,
        IActivationSource source,
        ModelCard? card,
        FaceDictionary dictionary,
        DissectionConcepts concepts,
        Device device,
        IProgress<DissectionProgress>? progress,
        CancellationToken cancel,
        out DissectionSettings settings)
    {
        var layerCount = source.Layers.Count;
        var localCount = dictionary.Local.Count;
        var thresholds = new ActivationThresholds?[layerCount];
        var caches = new ActivationCache?[layerCount];
        var globals = new ActivationExtremes?[layerCount];
        var tallies = new IouTally?[layerCount];
        var shapes = new (int U, int H, int W)[layerCount];
        var saved = new NpyWriter?[layerCount];
        var useCache = !options.NoCache && source is ModelActivationSource;
        var budget = options.MemoryBudget ?? MemoryBudget.Default();
        try
        {
            // Pass 1 over the local images: R2's running top-k, per-image extremes; activations kept for pass 2.
            var done = 0;
            foreach (var batch in source.Local(0, localCount))
            {
                using var scope = NewDisposeScope();
                cancel.ThrowIfCancellationRequested();
                for (var l = 0; l < layerCount; l++)
                {
                    var a = useCache ? CachePrecision(batch[l], source.Layers[l]) : batch[l];
                    if (thresholds[l] is null)
                    {
                        shapes[l] = CheckedShape(a, source.Layers[l]);
                        var values = (long)localCount * shapes[l].H * shapes[l].W;
                        thresholds[l] = new ActivationThresholds(shapes[l].U, localCount, ActivationThresholds.TopCountFor(options.Quantile, values), device);
                        if (useCache)
                        {
                            // Each layer gets its share of the budget, in host memory (the budget is half of the free RAM).
                            caches[l] = new ActivationCache([localCount, shapes[l].U, shapes[l].H, shapes[l].W], budget / layerCount, CPU, Path.GetTempPath());
                        }

                        if (options.SaveActivationsDirectory is { } saveTo)
                        {
                            var folder = Path.Combine(saveTo, source.Layers[l]);
                            Directory.CreateDirectory(Path.Combine(folder, NpyActivationSource.GlobalFolder));
                            saved[l] = new NpyWriter(Path.Combine(folder, NpyActivationSource.LocalFile), NpyDataType.Float32, [localCount, shapes[l].U, shapes[l].H, shapes[l].W]);
                        }
                    }

                    thresholds[l]!.Add(a);
                    caches[l]?.Append(a);
                    saved[l]?.Append(a);
                }

                done += (int)batch[0].shape[0];
                Dispose(batch);
                progress?.Report(new DissectionProgress("local images, pass 1", done, localCount));
            }

            if (thresholds.Any(t => t is null))
            {
                throw new HndGateInputException("the dictionary has no local image: the tally (R3) needs at least one", dictionary.Root);
            }

            foreach (var writer in saved)
            {
                writer?.Complete();
            }

            for (var l = 0; l < layerCount; l++)
            {
                RequireFinite(thresholds[l]!.Extremes, source.Layers[l], "local");
            }

            // The global images: per-image extremes for Stage I (R6).
            for (var l = 0; l < layerCount; l++)
            {
                globals[l] = concepts.GlobalImages == 0 ? null : new ActivationExtremes(shapes[l].U, concepts.GlobalImages, device);
            }

            done = 0;
            foreach (var family in dictionary.Global)
            {
                var familyWriters = options.SaveActivationsDirectory is { } saveTo
                    ? source.Layers.Select((name, l) => new NpyWriter(
                        Path.Combine(saveTo, name, NpyActivationSource.GlobalFolder, family.Name + ".npy"),
                        NpyDataType.Float32,
                        [family.ImageCount, shapes[l].U, shapes[l].H, shapes[l].W])).ToArray()
                    : null;
                try
                {
                    foreach (var batch in source.Global(family))
                    {
                        using var scope = NewDisposeScope();
                        cancel.ThrowIfCancellationRequested();
                        for (var l = 0; l < layerCount; l++)
                        {
                            RequireShape(batch[l], shapes[l], source.Layers[l]);
                            var a = useCache ? CachePrecision(batch[l], source.Layers[l]) : batch[l];
                            globals[l]!.Add(a);
                            familyWriters?[l].Append(a);
                        }

                        done += (int)batch[0].shape[0];
                        Dispose(batch);
                        progress?.Report(new DissectionProgress("global images", done, concepts.GlobalImages));
                    }

                    foreach (var writer in familyWriters ?? [])
                    {
                        writer.Complete();
                    }
                }
                finally
                {
                    foreach (var writer in familyWriters ?? [])
                    {
                        writer.Dispose();
                    }
                }
            }

            for (var l = 0; l < layerCount; l++)
            {
                if (globals[l] is { } extremes)
                {
                    RequireFinite(extremes, source.Layers[l], "global");
                }
            }

            // Pass 2 over the local images: R3's tally against the thresholds now known.
            var inputSize = card?.Input.Size ?? options.TallySize ?? throw new HndGateInputException(
                "--tally-size is needed with --activations: the tally resolution (the model's input size S in the paper) is not known from activation files");
            var tallySize = options.TallySize ?? inputSize;
            var masks = new ConceptMaskLoader(dictionary, concepts, decoder, tallySize);
            for (var l = 0; l < layerCount; l++)
            {
                using var t = thresholds[l]!.Thresholds();
                tallies[l] = new IouTally(t, concepts.Concepts.Count, shapes[l].H, shapes[l].W, tallySize);
            }

            done = 0;
            using var maskBatches = masks.LoadAhead(0, localCount, options.BatchSize).GetEnumerator();
            foreach (var (first, count, batch) in SecondPass(source, caches, localCount, options.BatchSize, device))
            {
                using var scope = NewDisposeScope();
                cancel.ThrowIfCancellationRequested();
                if (!maskBatches.MoveNext())
                {
                    throw new InvalidOperationException($"pass 2 ran out of masks at local image {first}");
                }

                var (maskFirst, maskCount, batchMasks) = maskBatches.Current;
                using var maskTensor = batchMasks.Masks;
                if (maskFirst != first || maskCount != count)
                {
                    throw new InvalidOperationException($"the masks (images {maskFirst}+{maskCount}) and the activations (images {first}+{count}) of pass 2 fell out of step");
                }

                using var onDevice = maskTensor.to(device);
                var moved = batchMasks with { Masks = onDevice };
                for (var l = 0; l < layerCount; l++)
                {
                    tallies[l]!.Add(batch[l], moved);
                }

                done += count;
                Dispose(batch);
                progress?.Report(new DissectionProgress("local images, pass 2 (tally)", done, localCount));
            }

            // Stages I–III and the summary (R4–R8).
            var parameters = new DissectionParameters { IouThreshold = options.IouThreshold };
            var results = new List<DissectedLayer>(layerCount);
            for (var l = 0; l < layerCount; l++)
            {
                var result = LayerDissection.Dissect(thresholds[l]!, globals[l], tallies[l]!.Counts(), concepts, parameters);
                results.Add(new DissectedLayer(source.Layers[l], shapes[l].H, shapes[l].W, result));
            }

            settings = new DissectionSettings(
                options.Quantile,
                options.IouThreshold,
                tallySize,
                inputSize,
                concepts.Families.Select(f => new KeyValuePair<string, double>(f.Name, f.Threshold)).ToList());
            return results;
        }
        finally
        {
            foreach (var d in thresholds.Concat<IDisposable?>(caches).Concat(globals).Concat(tallies).Concat(saved))
            {
                d?.Dispose();
            }
        }
    }

    /// <summary>The local images again, in batches: from the cache when there is one, else from the source.</summary>
    private static IEnumerable<(int First, int Count, IReadOnlyList<Tensor> Batch)> SecondPass(
        IActivationSource source, ActivationCache?[] caches, int localCount, int batchSize, Device device)
    {
        if (caches.All(c => c is not null))
        {
            for (var first = 0; first < localCount; first += batchSize)
            {
                var count = Math.Min(batchSize, localCount - first);
                yield return (first, count, caches.Select(c =>
                {
                    using var host = c!.ReadRows(first, count);
                    return host.to(device, copy: true);
                }).ToList());
            }

            yield break;
        }

        var start = 0;
        foreach (var batch in source.Local(0, localCount))
        {
            var count = (int)batch[0].shape[0];
            yield return (start, count, batch);
            start += count;
        }
    }

    private (FaceDictionary Dictionary, string Hash) LoadDictionary(DissectOptions options)
    {
        var loadOptions = new DictionaryLoadOptions(options.Lenient);
        var loaded = DictionaryLoader.Load(options.DictionaryPath, loadOptions);
        if (!options.Lenient)
        {
            return (loaded.Dictionary, DictionaryContentHash.Compute(loaded.Dictionary));
        }

        // Lenient: decode everything first so that unreadable images are dropped, not fatal mid-run.
        var report = new DictionaryValidator(decoder).Validate(loaded, loadOptions);
        return (report.Dictionary, report.ContentHash);
    }

    private static (int U, int H, int W) CheckedShape(Tensor activations, string layer)
    {
        if (activations.dim() != 4)
        {
            throw new HndGateInputException(
                $"the layer '{layer}' gives outputs of shape ({string.Join(", ", activations.shape)}): dissection needs convolutional maps N × U × h × w; pick a convolutional layer ('hnd-gate layers' lists them)");
        }

        return ((int)activations.shape[1], (int)activations.shape[2], (int)activations.shape[3]);
    }

    private static void RequireShape(Tensor activations, (int U, int H, int W) shape, string layer)
    {
        var actual = CheckedShape(activations, layer);
        if (actual != shape)
        {
            throw new HndGateInputException(
                $"the layer '{layer}' gave maps of {actual.U} × {actual.H} × {actual.W} on the global images but {shape.U} × {shape.H} × {shape.W} on the local ones: every image must reach the model at the same size");
        }
    }

    /// <summary>
    /// The cache keeps float16, so every statistic is taken on float16-rounded values: pass 1, the global
    /// images and pass 2 then see the same numbers, and the memory budget never changes a result.
    /// </summary>
    private static Tensor CachePrecision(Tensor activations, string layer)
    {
        var rounded = activations.to(ScalarType.Float16);
        if (rounded.isinf().any().item<bool>())
        {
            throw new HndGateRuntimeException(
                $"the layer '{layer}' has activations beyond float16's range (±65504), which the activation cache keeps: run with --no-cache to dissect it in float32");
        }

        return rounded.to(ScalarType.Float32);
    }

    /// <summary>NaN or infinite activations would make every statistic meaningless: stop and say where.</summary>
    private static void RequireFinite(ActivationExtremes extremes, string layer, string set)
    {
        using var scope = NewDisposeScope();
        if (!extremes.Maxima.isfinite().all().item<bool>() || !extremes.Minima.isfinite().all().item<bool>())
        {
            throw new HndGateRuntimeException(
                $"the layer '{layer}' gave NaN or infinite activations on the {set} images: check the model's weights and its input normalisation (mean/std in the model card)");
        }
    }

    private static void Dispose(IReadOnlyList<Tensor> batch)
    {
        foreach (var t in batch)
        {
            t.Dispose();
        }
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

    /// <summary>Every option that shapes the numbers, sorted by name; batch size, threads, paths and budget do not.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Fingerprinted(DissectOptions options, IReadOnlyList<string> layers, DissectionSettings settings)
    {
        var list = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["iou_threshold"] = settings.IouThreshold.ToString("R", CultureInfo.InvariantCulture),
            ["layers"] = string.Join(",", layers),
            ["lenient"] = options.Lenient ? "true" : "false",
            ["quantile"] = settings.Quantile.ToString("R", CultureInfo.InvariantCulture),
            ["tally_size"] = settings.TallySize.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (family, theta) in settings.FamilyThresholds)
        {
            list["theta." + family] = theta.ToString("R", CultureInfo.InvariantCulture);
        }

        return list.ToList();
    }
}
