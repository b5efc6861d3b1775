using System.Globalization;
using HndGate.Bench;
using HndGate.Engine;
using HndGate.Engine.Runtime;

// Whole-pipeline timings for issue 3 (docs/performance.md): each mode prints human text and, last, one JSON line.
try
{
    var options = BenchOptions.Parse(args);
    var log = Console.Out;
    if (options.Mode == "summary")
    {
        Console.WriteLine(BenchSummary.Run(options.Files, log).ToJsonLine());
        return 0;
    }

    var inputs = BenchInputs.Prepare(options);
    log.WriteLine($"{options.Mode}: dictionary {inputs.Dictionary}, model card {inputs.ModelCard}");
    if (options.Mode == "prepare")
    {
        return 0;
    }

    var torch = LibTorchRuntime.Load(new LibTorchOptions(null));
    var load = ReadLoadAverage();
    var cpu = CpuUsage.Start();
    var sampler = new MemorySampler();
    var figures = options.Mode switch
    {
        "forward" => ForwardBench.Run(options, inputs, log),
        "dissect" => DissectBench.Run(options, inputs, log),
        _ => TallyBench.Run(options, inputs, log),
    };
    sampler.Dispose();

    figures["peak_rss_bytes"] = ProcessMemory.PeakResident();
    figures["peak_anonymous_bytes"] = sampler.PeakAnonymous;
    figures["peak_file_backed_bytes"] = sampler.PeakFileBacked;
    figures["cpu_s"] = Math.Round(cpu.Own, 1);
    figures["others_cpu_s"] = Math.Round(cpu.Others, 1);
    figures["load_before"] = load;
    figures["load_after"] = ReadLoadAverage();
    figures["size"] = options.Size;
    figures["layer"] = options.Layer;
    figures["batch"] = options.Batch;
    figures["torch_threads"] = TorchSharp.torch.get_num_threads();
    figures["cores"] = Environment.ProcessorCount;
    figures["libtorch"] = torch.Version;
    figures["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    log.WriteLine($"{options.Mode}: peak RSS {ProcessMemory.PeakResident() / (1024.0 * 1024):F0} MiB (sampled peaks: anonymous {sampler.PeakAnonymous / (1024.0 * 1024):F0} MiB, file-backed {sampler.PeakFileBacked / (1024.0 * 1024):F0} MiB); load average {load} before, {figures["load_after"]} after; CPU {cpu.Own:F1} s ours, {cpu.Others:F1} s other processes");
    Console.WriteLine(figures.ToJsonLine());
    return 0;
}
catch (HndGateInputException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// The 1-, 5- and 15-minute load averages, as uptime shows them.
static string ReadLoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
