using System.Text.Json.Nodes;

namespace HndGate.Bench;

/// <summary>
/// Issue 3's targets from the modes' JSON lines. Forward and dissect runs are paired in the order given
/// (bench/run alternates them, so each pair saw about the same machine): (b)/(a) is the median of the
/// ratios of the quiet pairs (other processes used under 5 % of the pair's own CPU time: on a shared
/// 2-core machine a neighbour's build skews one run of a pair), of all pairs if none was quiet; target ≤ 1.25. The tally's speed-up, target ≥ 50×. Each dissect run's peak RSS against
/// its baseline + budget + model + one batch, where "model + one batch" is what the forward mode holds
/// above the bare runtime (its peak RSS minus its resident memory before the model was loaded, largest over
/// the forward runs).
/// </summary>
internal static class BenchSummary
{
    public const double RatioTarget = 1.25;
    public const double SpeedUpTarget = 50;

    // A pair is quiet when other processes used less CPU time than this share of its own.
    private const double QuietShare = 0.05;

    public static BenchFigures Run(IReadOnlyList<string> files, TextWriter log)
    {
        var runs = files.Select(BenchFigures.ReadLine).ToList();
        var forward = runs.Where(r => (string)r["mode"]! == "forward").ToList();
        var dissect = runs.Where(r => (string)r["mode"]! == "dissect").ToList();
        var figures = new BenchFigures("summary");
        if (forward.Count > 0 && forward.Count == dissect.Count)
        {
            var pairs = new JsonArray();
            var ratios = new List<double>();
            var cpuRatios = new List<double>();
            var quiet = new List<bool>();
            for (var i = 0; i < forward.Count; i++)
            {
                var (a, b) = ((double)forward[i]["total_s"]!, (double)dissect[i]["total_s"]!);
                ratios.Add(b / a);
                cpuRatios.Add((double)dissect[i]["cpu_s"]! / (double)forward[i]["cpu_s"]!);
                var others = (double)forward[i]["others_cpu_s"]! + (double)dissect[i]["others_cpu_s"]!;
                quiet.Add(others < QuietShare * ((double)forward[i]["cpu_s"]! + (double)dissect[i]["cpu_s"]!));
                pairs.Add(new JsonObject
                {
                    ["forward_s"] = a,
                    ["dissect_s"] = b,
                    ["ratio"] = Math.Round(b / a, 3),
                    ["cpu_ratio"] = Math.Round(cpuRatios[^1], 3),
                    ["others_cpu_s"] = Math.Round(others, 1),
                    ["quiet"] = quiet[^1],
                });
                log.WriteLine($"pair {i + 1}: (a) forward {a:F1} s, (b) dissect {b:F1} s, (b)/(a) = {b / a:F3}; CPU time ratio {cpuRatios[^1]:F3}; other processes used {others:F1} CPU s meanwhile{(quiet[^1] ? string.Empty : " (disturbed)")}");
            }

            var counted = quiet.Contains(true) ? Enumerable.Range(0, ratios.Count).Where(i => quiet[i]).ToList() : Enumerable.Range(0, ratios.Count).ToList();
            var ratio = Median(counted.Select(i => ratios[i]).ToList());
            figures["pairs_counted"] = counted.Count;
            figures["pairs"] = pairs;
            var cpuRatio = Median(counted.Select(i => cpuRatios[i]).ToList());
            figures["forward_s"] = Median(counted.Select(i => (double)forward[i]["total_s"]!).ToList());
            figures["dissect_s"] = Median(counted.Select(i => (double)dissect[i]["total_s"]!).ToList());
            figures["ratio"] = Math.Round(ratio, 3);
            figures["cpu_ratio"] = Math.Round(cpuRatio, 3);
            figures["ratio_met"] = ratio <= RatioTarget;
            log.WriteLine($"(b)/(a): median {ratio:F3} over {counted.Count} {(quiet.Contains(true) ? "quiet" : "(none quiet: all)")} pairs of {ratios.Count} (target ≤ {RatioTarget}: {(ratio <= RatioTarget ? "met" : "MISSED")}); median CPU time ratio {cpuRatio:F3}");

            var modelAndBatch = forward.Max(f => (long)f["peak_rss_bytes"]! - (long)f["baseline_rss_bytes"]!);
            var within = true;
            foreach (var d in dissect)
            {
                var bound = (long)d["baseline_rss_bytes"]! + (long)d["memory_budget_bytes"]! + modelAndBatch;
                within &= (long)d["peak_rss_bytes"]! <= bound;
                log.WriteLine($"(c) dissect peak RSS {Mib(d["peak_rss_bytes"])} ≤ baseline {Mib(d["baseline_rss_bytes"])} + budget {Mib(d["memory_budget_bytes"])} + model and one batch {Mib(modelAndBatch)} = {Mib(bound)}: {((long)d["peak_rss_bytes"]! <= bound ? "yes" : "NO")} (the cache needs {Mib(d["cache_bytes"])} of the budget)");
            }

            figures["model_and_batch_bytes"] = modelAndBatch;
            figures["forward_peak_rss_bytes"] = forward.Max(f => (long)f["peak_rss_bytes"]!);
            figures["dissect_peak_rss_bytes"] = dissect.Max(d => (long)d["peak_rss_bytes"]!);
            figures["rss_met"] = within;
            log.WriteLine($"(c) peak RSS: forward {Mib(figures["forward_peak_rss_bytes"])}, dissect {Mib(figures["dissect_peak_rss_bytes"])}");
        }

        if (runs.LastOrDefault(r => (string)r["mode"]! == "tally") is { } tally)
        {
            var speedUp = (double)tally["speed_up"]!;
            figures["tally_speed_up"] = speedUp;
            figures["tally_met"] = speedUp >= SpeedUpTarget;
            figures["tally_pass_speed_up"] = (double)tally["pass_speed_up"]!;
            figures["tally_agrees"] = (int)tally["intersection_mismatches"]! == 0 && (int)tally["union_mismatches"]! == 0
                && (bool)tally["ours_pass_agrees"]! && (bool)tally["ours_paths_agree"]!;
            log.WriteLine($"tally: ours {tally["ours_s"]} s over {tally["local_images"]} images, the authors' loop {tally["authors_s"]} s over {tally["authors_images"]} images: " +
                $"speed-up {speedUp:F1}× (target ≥ {SpeedUpTarget}: {(speedUp >= SpeedUpTarget ? "met" : "MISSED")}; as pass 2 runs it, {tally["ours_pass_s"]} s: {(double)tally["pass_speed_up"]!:F1}×); " +
                $"mismatches: {tally["intersection_mismatches"]} intersections, {tally["union_mismatches"]} unions");
        }

        return figures;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Mib(JsonNode? bytes) => Mib((long)bytes!);

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";
}
