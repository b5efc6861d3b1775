using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>Turns <c>--device cpu|cuda[:i]|auto</c> into a LibTorch device, checking that it exists.</summary>
public static class DeviceSelection
{
    public static Device Resolve(string text)
    {
        switch (text)
        {
            case "cpu":
                return CPU;
            case "auto":
                return cuda.is_available() ? CUDA : CPU;
            case "cuda":
                RequireCuda(0, text);
                return CUDA;
        }

        if (text.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            RequireCuda(index, text);
            return new Device(DeviceType.CUDA, index);
        }

        throw new HndGateInputException($"--device '{text}' is not cpu, cuda, cuda:N or auto");
    }

    private static void RequireCuda(int index, string text)
    {
        if (!cuda.is_available())
        {
            throw new HndGateInputException(
                $"--device {text}: CUDA is not available to this LibTorch. The bundled LibTorch is CPU-only: pass --libtorch DIR with a CUDA build of LibTorch 2.10, or use --device cpu");
        }

        if (index >= cuda.device_count())
        {
            throw new HndGateInputException($"--device {text}: there are only {cuda.device_count()} CUDA device(s) (cuda:0..cuda:{cuda.device_count() - 1})");
        }
    }
}
