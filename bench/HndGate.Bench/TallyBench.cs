using System.Diagnostics;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sources;
using HndGate.Engine.Formats;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using HndGate.Engine.Schemas;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Bench;

/// <summary>
/// R3's tally two ways over the same activations, thresholds and masks: the authors' per-image, per-unit
/// loop (<see cref="AuthorsTally"/>) and <see cref="IouTally"/>. Activations, thresholds (R2) and masks at
/// S × S are ready before either clock starts, so only the tally is timed. Intersections must agree
/// exactly; unions agree once the mask areas that the authors' skip of silent maps leaves out are added.
/// </summary>
internal static class TallyBench
{
    public static BenchFigures Run(BenchOptions options, BenchInputs inputs, TextWriter log)
    {
        if (options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var decoder = new ImageFileDecoder();
        var dictionary = DictionaryLoader.Load(inputs.Dictionary, new DictionaryLoadOptions()).Dictionary;
        var concepts = DissectionConcepts.FromDictionary(dictionary);
        var n = dictionary.Local.Count;

        var clock = Stopwatch.StartNew();
        using var captured = LocalActivations(options, inputs, dictionary, decoder);
        // Rounded to float16, as a model run's dissection takes every statistic (ActivationPrecision), so that
        // float32 tensors and the float16 activation cache hold the same values.
        using var activations = new ActivationPrecision(Float16: true).Apply(captured, options.Layer);
        var capture = clock.Elapsed.TotalSeconds;
        var (u, h, w) = ((int)activations.shape[1], (int)activations.shape[2], (int)activations.shape[3]);
        log.WriteLine($"tally: activations {n} × {u} × {h} × {w} ready in {capture:F1} s ({(options.Activations is null ? "model run" : "read from " + options.Activations)})");

        var batches = Enumerable.Range(0, (n + options.Batch - 1) / options.Batch)
            .Select(b => (First: b * options.Batch, Count: Math.Min(options.Batch, n - (b * options.Batch))))
            .ToList();

        // R2 over the same activations, as pass 1 computes it.
        using var thresholdTensor = Thresholds(activations, batches, n, u, h, w);
        var thresholds = thresholdTensor.data<float>().ToArray();

        // The masks as bytes (the tensor path's and the authors' form) and as the bitmaps the dissection's CPU runs
        // decode them into, each loaded the way pass 2 loads them, both untimed below.
        var loader = new ConceptMaskLoader(dictionary, concepts, decoder, options.Size);
        clock.Restart();
        var masks = batches.Select(b => loader.Load(b.First, b.Count)).ToList();
        var maskLoad = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var bitmaps = batches.Select(b => loader.LoadBitmaps(b.First, b.Count)).ToList();
        var bitmapLoad = clock.Elapsed.TotalSeconds;
        log.WriteLine($"tally: {masks.Sum(m => m.Images.Count)} masks of {n} images decoded and resized to {options.Size} px in {maskLoad:F1} s as bytes, {bitmapLoad:F1} s as bitmaps (ConceptMaskLoader; not timed below)");
        var slices = batches.Select(b => activations.slice(0, b.First, b.First + b.Count, 1)).ToList();
        using var cache = new ActivationCache(activations.shape, long.MaxValue, CPU, Path.GetTempPath());
        foreach (var slice in slices)
        {
            cache.Append(slice);
        }

        try
        {
            // Ours as before: float32 activation tensors and the masks as bytes, packed into bitmaps inside the clock.
            var ours = new List<double>();
            IouCounts? counts = null;
            for (var r = 0; r < options.Repeats; r++)
            {
                clock.Restart();
                counts = OurTally(thresholdTensor, concepts.Concepts.Count, h, w, options.Size, slices, masks, batches.Count);
                ours.Add(clock.Elapsed.TotalSeconds);
            }

            var oursMedian = Median(ours);
            log.WriteLine($"tally: ours (IouTally on the host, float32, masks packed in the clock) over {n} images: median {oursMedian:F3} s of {options.Repeats} ({n / oursMedian:F0} images/s)");

            // Ours as pass 2 runs it on the CPU: float16 rows read from the activation cache, masks decoded as bitmaps.
            var pass = new List<double>();
            IouCounts? passCounts = null;
            for (var r = 0; r < options.Repeats; r++)
            {
                clock.Restart();
                passCounts = PassTally(thresholdTensor, concepts.Concepts.Count, h, w, options.Size, cache, batches, bitmaps);
                pass.Add(clock.Elapsed.TotalSeconds);
            }

            var passMedian = Median(pass);
            var passAgrees = counts!.Intersections.SequenceEqual(passCounts!.Intersections) && counts.Unions.SequenceEqual(passCounts.Unions);
            log.WriteLine($"tally: ours as pass 2 runs it (float16 from the cache, bitmaps from the loader) over {n} images: median {passMedian:F3} s ({n / passMedian:F0} images/s); same counts: {passAgrees}");

            // The tensor path, which GPU runs take, on the same CPU: how much the host path gains here.
            var tensorTimes = new List<double>();
            IouCounts? tensorCounts = null;
            for (var r = 0; r < options.Repeats; r++)
            {
                clock.Restart();
                tensorCounts = TensorTally(thresholdTensor, concepts.Concepts.Count, h, w, options.Size, slices, masks, batches.Count);
                tensorTimes.Add(clock.Elapsed.TotalSeconds);
            }

            var tensorMedian = Median(tensorTimes);
            var pathsAgree = counts!.Intersections.SequenceEqual(tensorCounts!.Intersections) && counts.Unions.SequenceEqual(tensorCounts.Unions);
            log.WriteLine($"tally: ours with tensor operations (the GPU path) over {n} images: median {tensorMedian:F3} s ({n / tensorMedian:F0} images/s); same counts as on the host: {pathsAgree}");

            // The authors' loop over the first m images (all by default), and ours over the same images to compare.
            var m = Math.Min(options.AuthorsImages ?? n, n);
            var authorsBatches = batches.Count(b => b.First < m);
            m = Math.Min(n, authorsBatches * options.Batch);
            var values = activations.slice(0, 0, m, 1).contiguous().data<float>().ToArray();
            var perImage = AuthorsMasks(masks.Take(authorsBatches).ToList(), options.Batch, m, options.Size);
            var authors = new List<double>();
            (long[,] Intersections, long[,] Unions) theirs = default;
            for (var r = 0; r < options.AuthorsRepeats; r++)
            {
                clock.Restart();
                theirs = AuthorsTally.Run(values, m, u, h, w, thresholds, perImage, concepts.Concepts.Count, options.Size);
                authors.Add(clock.Elapsed.TotalSeconds);
            }

            var authorsMedian = Median(authors);
            log.WriteLine($"tally: authors' loop over {m} images: median {authorsMedian:F2} s of {options.AuthorsRepeats} ({m / authorsMedian:F1} images/s)");

            var same = m == n ? counts! : OurTally(thresholdTensor, concepts.Concepts.Count, h, w, options.Size, slices, masks, authorsBatches);
            var (intersectionMismatches, unionMismatches) = Compare(same, theirs, values, m, u, h * w, thresholds, perImage);
            log.WriteLine($"tally: agreement over {m} images: {intersectionMismatches} intersections and {unionMismatches} unions (with the skipped silent maps' mask areas added) differ of {u * concepts.Concepts.Count}");

            var live = LiveFraction(values, m, u, h * w, thresholds);
            var speedUp = (authorsMedian / m) / (oursMedian / n);
            var passSpeedUp = (authorsMedian / m) / (passMedian / n);
            log.WriteLine($"tally: {live:P2} of the (image, unit) maps exceed T_u; speed-up of ours over the authors' loop: {speedUp:F1}× (as pass 2 runs it: {passSpeedUp:F1}×)");

            var figures = new BenchFigures("tally");
            figures["local_images"] = n;
            figures["units"] = u;
            figures["map"] = $"{h}x{w}";
            figures["tally_size"] = options.Size;
            figures["masks"] = masks.Sum(x => x.Images.Count);
            figures["activations_ready_s"] = Math.Round(capture, 2);
            figures["mask_load_s"] = Math.Round(maskLoad, 2);
            figures["mask_bitmap_load_s"] = Math.Round(bitmapLoad, 2);
            figures["ours_s"] = Math.Round(oursMedian, 4);
            figures["ours_repeats"] = options.Repeats;
            figures["ours_images_per_s"] = Math.Round(n / oursMedian, 1);
            figures["ours_pass_s"] = Math.Round(passMedian, 4);
            figures["ours_pass_agrees"] = passAgrees;
            figures["ours_tensor_s"] = Math.Round(tensorMedian, 4);
            figures["ours_paths_agree"] = pathsAgree;
            figures["authors_images"] = m;
            figures["authors_s"] = Math.Round(authorsMedian, 3);
            figures["authors_repeats"] = options.AuthorsRepeats;
            figures["authors_images_per_s"] = Math.Round(m / authorsMedian, 2);
            figures["speed_up"] = Math.Round(speedUp, 2);
            figures["pass_speed_up"] = Math.Round(passSpeedUp, 2);
            figures["live_maps_fraction"] = Math.Round(live, 5);
            figures["intersection_mismatches"] = intersectionMismatches;
            figures["union_mismatches"] = unionMismatches;
            figures["torch_threads"] = torch.get_num_threads();
            return figures;
        }
        finally
        {
            foreach (var tensor in masks.Select(m => m.Masks).Concat(slices))
            {
                tensor.Dispose();
            }
        }
    }

    private static Tensor LocalActivations(BenchOptions options, BenchInputs inputs, FaceDictionary dictionary, ImageFileDecoder decoder)
    {
        if (options.Activations is { } folder)
        {
            using var reader = NpyReader.Open(Path.Combine(folder, NpyActivationSource.LocalFile));
            return reader.ReadRows(0, reader.Header.Shape[0]);
        }

        var card = ModelCardReader.Read(inputs.ModelCard, new JsonSchemaValidator());
        using var source = new ModelActivationSource(ModelLoader.Capture(card, [options.Layer], CPU, deviceRequested: false), card.Input, dictionary, decoder, options.Batch, CPU);
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        foreach (var batch in source.Local(0, dictionary.Local.Count))
        {
            parts.Add(batch[0]);
        }

        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    private static Tensor Thresholds(Tensor activations, IReadOnlyList<(int First, int Count)> batches, int n, int u, int h, int w)
    {
        using var thresholds = new ActivationThresholds(u, n, ActivationThresholds.TopCountFor(0.005, (long)n * h * w));
        foreach (var (first, count) in batches)
        {
            using var scope = NewDisposeScope();
            thresholds.Add(activations.slice(0, first, first + count, 1));
        }

        return thresholds.Thresholds();
    }

    /// <summary>Ours on the host as the benchmark has always timed it: float32 tensors, masks as bytes (packed into bitmaps by Add).</summary>
    private static IouCounts OurTally(
        Tensor thresholds, int concepts, int h, int w, int size, IReadOnlyList<Tensor> slices, IReadOnlyList<ConceptMaskBatch> masks, int batches)
    {
        using var tally = new IouTally(thresholds, concepts, h, w, size, skipSilentMaps: true, onHost: true);
        for (var b = 0; b < batches; b++)
        {
            tally.Add(slices[b], masks[b]);
        }

        return tally.Counts();
    }

    /// <summary>Ours as pass 2 runs on the CPU (TallyPass): each batch's float16 rows read from the cache, masks as the loader's bitmaps.</summary>
    private static IouCounts PassTally(
        Tensor thresholds, int concepts, int h, int w, int size, ActivationCache cache, IReadOnlyList<(int First, int Count)> batches, IReadOnlyList<ConceptMaskBitmaps> masks)
    {
        using var tally = new IouTally(thresholds, concepts, h, w, size);
        for (var b = 0; b < batches.Count; b++)
        {
            using var rows = cache.ReadStoredRows(batches[b].First, batches[b].Count);
            tally.Add(rows, masks[b]);
        }

        return tally.Counts();
    }

    /// <summary>Ours with tensor operations (the GPU path), on the CPU.</summary>
    private static IouCounts TensorTally(
        Tensor thresholds, int concepts, int h, int w, int size, IReadOnlyList<Tensor> slices, IReadOnlyList<ConceptMaskBatch> masks, int batches)
    {
        using var tally = new IouTally(thresholds, concepts, h, w, size, skipSilentMaps: true, onHost: false);
        for (var b = 0; b < batches; b++)
        {
            tally.Add(slices[b], masks[b]);
        }

        return tally.Counts();
    }

    /// <summary>The masks as the authors' loop takes them: per image, (concept, S × S bytes).</summary>
    private static List<IReadOnlyList<(int Concept, byte[] Mask)>> AuthorsMasks(IReadOnlyList<ConceptMaskBatch> batches, int batchSize, int images, int size)
    {
        var perImage = Enumerable.Range(0, images).Select(_ => new List<(int, byte[])>()).ToList();
        var pixels = size * size;
        for (var b = 0; b < batches.Count; b++)
        {
            var bytes = batches[b].Masks.contiguous().data<byte>().ToArray();
            for (var row = 0; row < batches[b].Images.Count; row++)
            {
                perImage[(b * batchSize) + batches[b].Images[row]].Add((batches[b].Concepts[row], bytes[(row * pixels)..((row + 1) * pixels)]));
            }
        }

        return perImage.Select(l => (IReadOnlyList<(int, byte[])>)l).ToList();
    }

    /// <summary>
    /// Entries that differ: intersections as they are; unions after adding, for every (image, unit) map the
    /// authors skipped (maximum ≤ T_u, so B is empty), the areas of that image's masks, which R3's union counts.
    /// </summary>
    private static (int Intersections, int Unions) Compare(
        IouCounts ours, (long[,] Intersections, long[,] Unions) theirs, float[] values, int n, int u, int map, float[] thresholds,
        IReadOnlyList<IReadOnlyList<(int Concept, byte[] Mask)>> masks)
    {
        var concepts = ours.Concepts;
        var unions = (long[,])theirs.Unions.Clone();
        for (var image = 0; image < n; image++)
        {
            var areas = masks[image].Select(m => (m.Concept, Area: (long)m.Mask.Count(p => p != 0))).ToList();
            for (var unit = 0; unit < u; unit++)
            {
                if (new ReadOnlySpan<float>(values, ((image * u) + unit) * map, map).ToArray().Max() <= thresholds[unit])
                {
                    foreach (var (concept, area) in areas)
                    {
                        unions[unit, concept] += area;
                    }
                }
            }
        }

        int intersections = 0, unionCount = 0;
        for (var unit = 0; unit < u; unit++)
        {
            for (var c = 0; c < concepts; c++)
            {
                intersections += ours.Intersection(unit, c) == theirs.Intersections[unit, c] ? 0 : 1;
                unionCount += ours.Union(unit, c) == unions[unit, c] ? 0 : 1;
            }
        }

        return (intersections, unionCount);
    }

    private static double LiveFraction(float[] values, int n, int u, int map, float[] thresholds)
    {
        long live = 0;
        for (var i = 0; i < n * u; i++)
        {
            live += new ReadOnlySpan<float>(values, i * map, map).ToArray().Max() > thresholds[i % u] ? 1 : 0;
        }

        return (double)live / ((long)n * u);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
