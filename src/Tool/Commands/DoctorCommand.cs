using System.Runtime.InteropServices;
using HndGate.Engine.Dissection;
using HndGate.Engine.Runtime;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("doctor", Description = "Check that this machine can run hnd-gate: .NET, the C++ runtime, LibTorch, threads, CUDA.",
    ExtendedHelpText = """

Examples:
  hnd-gate doctor
  hnd-gate doctor --libtorch /opt/venv/lib/python3.12/site-packages/torch/lib   (a CUDA build of LibTorch 2.10)
  HNDGATE_LIBTORCH=/opt/libtorch/lib hnd-gate doctor --json

Exit codes: 0 LibTorch loads, 2 usage error, 3 it does not (the message says why and what to do).
""")]
internal sealed class DoctorCommand
{
    [Option("--libtorch <DIR>", Description = "Load LibTorch 2.10 from this folder (e.g. a CUDA build) instead of the bundled CPU build. Default: $HNDGATE_LIBTORCH.")]
    public string? LibTorch { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        var options = LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable);
        var dotnet = $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
        if (!Json)
        {
            console.Out.WriteLine($"hnd-gate     {RootCommand.Version}");
            console.Out.WriteLine($".NET         {dotnet}");
            var cxx = CxxRuntimeCheck.ForThisProcess();
            console.Out.WriteLine($"C++ runtime  {cxx.LibraryPath ?? "libstdc++.so.6 not found"}: " +
                (cxx.HasRequiredVersion ? $"{CxxRuntimeCheck.RequiredVersion} present" : $"{CxxRuntimeCheck.RequiredVersion} MISSING ({CxxRuntimeCheck.Remedy})"));
        }

        var status = LibTorchRuntime.Load(options);
        var memory = status.CudaAvailable ? Enumerable.Range(0, status.CudaDeviceCount).Select(CudaDriverMemory.Read).ToList() : [];
        if (Json)
        {
            JsonSummary.Write(
                console,
                new
                {
                    hnd_gate = RootCommand.Version,
                    dotnet,
                    cxx_runtime = new { path = status.CxxRuntime.LibraryPath, has_glibcxx_3_4_32 = status.CxxRuntime.HasRequiredVersion },
                    libtorch = new { version = status.Version, path = status.LibraryPath, user_directory = status.UserDirectory },
                    threads = status.Threads,
                    cuda = new
                    {
                        available = status.CudaAvailable,
                        devices = status.CudaDeviceCount,
                        cudnn = status.CudnnAvailable,
                        memory = memory.Select((m, i) => new { device = $"cuda:{i}", free_bytes = m.Memory?.FreeBytes, total_bytes = m.Memory?.TotalBytes, problem = m.Problem }),
                    },
                });
            return ExitCodes.Pass;
        }

        var origin = status.UserDirectory is null ? "bundled CPU build" : $"from --libtorch/{LibTorchOptions.EnvironmentVariable}";
        console.Out.WriteLine($"LibTorch     {status.Version} loaded from {status.LibraryPath ?? "(path unknown)"} ({origin})");
        console.Out.WriteLine($"Threads      {status.Threads} (set with --threads on dissecting commands)");
        console.Out.WriteLine(status.CudaAvailable
            ? $"CUDA         available: {status.CudaDeviceCount} device(s), cuDNN {(status.CudnnAvailable ? "available" : "not available")}"
            : "CUDA         not available (the bundled LibTorch is CPU-only: for a GPU, pass --libtorch DIR with a CUDA build of LibTorch 2.10)");
        for (var i = 0; i < memory.Count; i++)
        {
            // The activation cache's default budget on a GPU is half of this free memory (--memory-budget).
            console.Out.WriteLine(memory[i].Memory is { } m
                ? $"  cuda:{i}     {MemoryBudget.Format(m.FreeBytes)} free of {MemoryBudget.Format(m.TotalBytes)}"
                : $"  cuda:{i}     free memory unknown: {memory[i].Problem}");
        }
        return ExitCodes.Pass;
    }
}
