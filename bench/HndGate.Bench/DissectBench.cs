using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;

namespace HndGate.Bench;

/// <summary>
/// (b) The whole dissection, <see cref="Dissector.Run"/>, with the model card, layer, batch size and
/// dictionary of (a). Stage times come from the progress reports; "setup" runs to the end of the first
/// batch of pass 1, "stages" from the last batch of pass 2 to the end (R4–R8).
/// </summary>
internal static class DissectBench
{
    public static BenchFigures Run(BenchOptions options, BenchInputs inputs, TextWriter log)
    {
        var budget = options.MemoryBudget ?? MemoryBudget.Default();
        var baseline = ProcessMemory.Resident();
        var dissectOptions = new DissectOptions
        {
            DictionaryPath = inputs.Dictionary,
            ModelCard = inputs.ModelCard,
            Layers = [options.Layer],
            OutputPath = Path.Combine(options.CacheDirectory, "results.json"),
            Device = "cpu",
            BatchSize = options.Batch,
            Threads = options.Threads,
            MemoryBudget = budget,
        };

        var clock = new StageClock();
        var results = new Dissector(new ImageFileDecoder(), new JsonSchemaValidator()).Run(dissectOptions, clock);
        var total = clock.Elapsed;

        var stages = new JsonObject();
        var start = 0.0;
        foreach (var (stage, end) in clock.Ends)
        {
            stages[stage] = Math.Round(end - start, 2);
            log.WriteLine($"dissect: {stage}: {end - start:F1} s");
            start = end;
        }

        stages["stages (R4-R8)"] = Math.Round(total - start, 2);
        log.WriteLine($"dissect: stages (R4-R8) and results: {total - start:F1} s; total {total:F1} s");

        var layer = results.Layers[0];
        var local = results.LocalImages.Count;
        var figures = new BenchFigures("dissect");
        figures["local_images"] = local;
        figures["total_s"] = Math.Round(total, 2);
        figures["stage_s"] = stages;
        figures["first_batch_done_s"] = Math.Round(clock.FirstReport ?? 0, 2);
        figures["units"] = layer.Result.Units.Count;
        figures["map"] = $"{layer.MapHeight}x{layer.MapWidth}";
        figures["tally_size"] = results.Settings.TallySize;
        figures["memory_budget_bytes"] = budget;
        // What the float16 cache of the local set takes: N × U × h × w × 2 bytes (kept in memory when ≤ budget).
        figures["cache_bytes"] = 2L * local * layer.Result.Units.Count * layer.MapHeight * layer.MapWidth;
        figures["baseline_rss_bytes"] = baseline;
        figures["counts_sha256"] = CountsDigest(layer);
        return figures;
    }

    /// <summary>A digest of the numbers the run produced (T_u, I and Un of R3): equal digests, equal results.</summary>
    private static string CountsDigest(DissectedLayer layer)
    {
        var text = string.Join(
            '\n',
            layer.Result.Units.Select(u => u.Threshold.ToString("R", CultureInfo.InvariantCulture))
                .Concat(layer.Result.Iou.Intersections.Select(i => i.ToString(CultureInfo.InvariantCulture)))
                .Concat(layer.Result.Iou.Unions.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
