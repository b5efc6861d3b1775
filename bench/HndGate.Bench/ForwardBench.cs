using System.Diagnostics;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection.Sources;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using HndGate.Engine.Schemas;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Bench;

/// <summary>
/// (a) What a dissection cannot avoid: decode, preprocess and run the model over the images it reads
/// (the local images once, every global family once), capturing the layer and dropping it. No statistics.
/// Timed like <c>dissect</c>: from loading the dictionary and the model to the last batch.
/// </summary>
internal static class ForwardBench
{
    public static BenchFigures Run(BenchOptions options, BenchInputs inputs, TextWriter log)
    {
        if (options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var baseline = ProcessMemory.Resident();
        var clock = Stopwatch.StartNew();
        var validator = new JsonSchemaValidator();
        var decoder = new ImageFileDecoder();
        var dictionary = DictionaryLoader.Load(inputs.Dictionary, new DictionaryLoadOptions()).Dictionary;
        var card = ModelCardReader.Read(inputs.ModelCard, validator);
        var model = ModelLoader.Load(card, [options.Layer], CPU).Module;
        var setup = clock.Elapsed.TotalSeconds;
        var parameterBytes = model.parameters().Sum(p => p.numel() * p.element_size())
            + model.buffers().Sum(b => b.numel() * b.element_size());

        long local = 0, global = 0;
        double localEnd;
        using (var source = new ModelActivationSource(ActivationCapture.Owning(model, [options.Layer], inputs.ModelCard), card.Input, dictionary, decoder, options.Batch, CPU))
        {
            local = Consume(source.Local(0, dictionary.Local.Count));
            localEnd = clock.Elapsed.TotalSeconds;
            log.WriteLine($"forward: {local} local images in {localEnd - setup:F1} s");
            foreach (var family in dictionary.Global)
            {
                global += Consume(source.Global(family, 0, family.ImageCount));
            }
        }

        var total = clock.Elapsed.TotalSeconds;
        var images = local + global;
        log.WriteLine($"forward: {global} global images in {total - localEnd:F1} s; {images} images in {total - setup:F1} s ({images / (total - setup):F2} images/s), setup {setup:F1} s");

        var figures = new BenchFigures("forward");
        figures["local_images"] = local;
        figures["global_images"] = global;
        figures["setup_s"] = Math.Round(setup, 2);
        figures["images_s"] = Math.Round(total - setup, 2);
        figures["total_s"] = Math.Round(total, 2);
        figures["images_per_s"] = Math.Round(images / (total - setup), 2);
        figures["model_bytes"] = parameterBytes;
        figures["baseline_rss_bytes"] = baseline;
        return figures;
    }

    private static long Consume(IEnumerable<IReadOnlyList<Tensor>> batches)
    {
        long images = 0;
        foreach (var batch in batches)
        {
            images += batch[0].shape[0];
            foreach (var t in batch)
            {
                t.Dispose();
            }
        }

        return images;
    }
}
