using System.Runtime.InteropServices;
using TorchSharp;

namespace HndGate.Engine.Runtime;

/// <summary>
/// Loads LibTorch before the first torch call and turns every way it can fail into a message a user can
/// act on. TorchSharp alone reports a missing C++ runtime as "doesn't contain a reference to
/// libtorch-cpu-linux-x64", which sends people the wrong way.
/// </summary>
public static class LibTorchRuntime
{
    /// <summary>The libraries a LibTorch directory must hold, in the order they depend on each other.</summary>
    private static readonly string[] RequiredLibraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>Optional GPU libraries, loaded when the directory has them (CUDA builds).</summary>
    private static readonly string[] OptionalLibraries = ["libc10_cuda.so", "libtorch_cuda.so"];

    /// <summary>Loads LibTorch (idempotent) and describes it; throws <see cref="HndGateRuntimeException"/> when it cannot.</summary>
    public static LibTorchStatus Load(LibTorchOptions options)
    {
        var cxx = CxxRuntimeCheck.ForThisProcess();
        if (options.Directory is { } directory)
        {
            PreloadFrom(directory);
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is not HndGateRuntimeException)
        {
            throw new HndGateRuntimeException(Explain(e, cxx, options), e);
        }

        return new LibTorchStatus(
            torch.__version__,
            LoadedLibraries.Find("libtorch_cpu.so"),
            options.Directory,
            cxx,
            torch.get_num_threads(),
            torch.cuda.is_available(),
            torch.cuda.is_available() ? torch.cuda.device_count() : 0,
            torch.cuda.is_cudnn_available());
    }

    /// <summary>Plain words for a failed load: the C++ runtime first, since that is the usual cause on Debian 12.</summary>
    public static string Explain(Exception failure, CxxRuntimeCheck cxx, LibTorchOptions options)
    {
        if (!cxx.HasRequiredVersion)
        {
            var lib = cxx.LibraryPath ?? "no libstdc++.so.6 found";
            return $"LibTorch cannot load: the C++ runtime ({lib}) lacks {CxxRuntimeCheck.RequiredVersion}, which LibTorch 2.10 needs: {CxxRuntimeCheck.Remedy}.";
        }

        var from = options.Directory is null
            ? "the bundled CPU build (package libtorch-cpu-linux-x64 2.10.0)"
            : $"'{options.Directory}'";
        return $"LibTorch cannot load from {from}: {failure.Message.Trim()} " +
               $"Check that the folder holds LibTorch 2.10 for this platform ({string.Join(", ", RequiredLibraries)}), " +
               $"or unset {LibTorchOptions.EnvironmentVariable} and drop --libtorch to use the bundled CPU build.";
    }

    private static void PreloadFrom(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new HndGateRuntimeException(
                $"LibTorch cannot load: the folder '{directory}' (from --libtorch or {LibTorchOptions.EnvironmentVariable}) does not exist. " +
                "Name the lib folder of a LibTorch 2.10 build (e.g. <venv>/lib/python3.x/site-packages/torch/lib).");
        }

        var missing = RequiredLibraries.Where(l => !File.Exists(Path.Combine(directory, l))).ToList();
        if (missing.Count > 0)
        {
            throw new HndGateRuntimeException(
                $"LibTorch cannot load: the folder '{directory}' lacks {string.Join(", ", missing)}. " +
                "Name the lib folder of a LibTorch 2.10 build (the one holding libtorch.so).");
        }

        foreach (var name in RequiredLibraries.Take(2).Concat(OptionalLibraries).Append(RequiredLibraries[2]))
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new HndGateRuntimeException(
                    $"LibTorch cannot load: '{path}' did not load ({e.Message.Trim()}). " +
                    $"If the message names GLIBCXX, {CxxRuntimeCheck.Remedy}; if it names a CUDA library, install the CUDA runtime that build needs.",
                    e);
            }
        }
    }
}
