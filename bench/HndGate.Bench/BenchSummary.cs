using System.Text.Json.Nodes;

namespace HndGate.Bench;

/// <summary>
/// The ratios and checks of issue 3's benchmark from the modes' JSON lines: (b)/(a) ≤ 1.25, the tally
/// speed-up ≥ 50×, and each mode's peak RSS against budget + model + one batch, where "model + one batch"
/// is what the forward mode needs above the bare runtime (its peak RSS minus its resident memory before
/// the model was loaded).
/// </summary>
internal static class BenchSummary
{
    public const double RatioTarget = 1.25;
    public const double SpeedUpTarget = 50;

    public static BenchFigures Run(IReadOnlyList<string> files, TextWriter log)
    {
        var modes = files.Select(BenchFigures.ReadLine).ToDictionary(f => (string)f["mode"]!, f => f);
        var figures = new BenchFigures("summary");
        if (modes.TryGetValue("forward", out var forward) && modes.TryGetValue("dissect", out var dissect))
        {
            var a = (double)forward["total_s"]!;
            var b = (double)dissect["total_s"]!;
            var ratio = b / a;
            figures["forward_s"] = a;
            figures["dissect_s"] = b;
            figures["ratio"] = Math.Round(ratio, 3);
            figures["ratio_met"] = ratio <= RatioTarget;
            log.WriteLine($"(a) forward {a:F1} s, (b) dissect {b:F1} s: (b)/(a) = {ratio:F3} (target ≤ {RatioTarget}: {(ratio <= RatioTarget ? "met" : "MISSED")})");

            var baseline = (long)forward["baseline_rss_bytes"]!;
            var modelAndBatch = (long)forward["peak_rss_bytes"]! - baseline;
            var budget = (long)dissect["memory_budget_bytes"]!;
            var bound = (long)dissect["baseline_rss_bytes"]! + budget + modelAndBatch;
            var peak = (long)dissect["peak_rss_bytes"]!;
            figures["model_and_batch_bytes"] = modelAndBatch;
            figures["dissect_rss_bound_bytes"] = bound;
            figures["rss_met"] = peak <= bound;
            log.WriteLine($"(c) peak RSS: forward {Mib(forward["peak_rss_bytes"])}, dissect {Mib(peak)}; budget {Mib(budget)} (cache needs {Mib(dissect["cache_bytes"])}); " +
                $"model + one batch {Mib(modelAndBatch)}; bound baseline {Mib(dissect["baseline_rss_bytes"])} + budget + model + batch = {Mib(bound)}: {(peak <= bound ? "within" : "EXCEEDED")}");
            log.WriteLine($"    dissect above forward's peak: {Mib(peak - (long)forward["peak_rss_bytes"]!)}");
        }

        if (modes.TryGetValue("tally", out var tally))
        {
            var speedUp = (double)tally["speed_up"]!;
            figures["tally_speed_up"] = speedUp;
            figures["tally_met"] = speedUp >= SpeedUpTarget;
            figures["tally_agrees"] = (int)tally["intersection_mismatches"]! == 0 && (int)tally["union_mismatches"]! == 0;
            log.WriteLine($"tally: ours {tally["ours_s"]} s over {tally["local_images"]} images, authors' loop {tally["authors_s"]} s over {tally["authors_images"]} images: " +
                $"speed-up {speedUp:F1}× (target ≥ {SpeedUpTarget}: {(speedUp >= SpeedUpTarget ? "met" : "MISSED")}); " +
                $"mismatches: {tally["intersection_mismatches"]} intersections, {tally["union_mismatches"]} unions");
        }

        return figures;
    }

    private static string Mib(JsonNode? bytes) => Mib((long)bytes!);

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";
}
