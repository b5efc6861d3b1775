using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>
/// The named tensors of a weights file, in the file's order, on the CPU in the file's element types.
/// Owns the tensors: disposing frees them.
/// </summary>
public sealed class StateDict : IDisposable
{
    internal StateDict(string path, WeightFileFormat format, IReadOnlyList<KeyValuePair<string, Tensor>> entries, string? nestedKey, bool strippedModulePrefix)
    {
        Path = path;
        Format = format;
        Entries = entries;
        NestedKey = nestedKey;
        StrippedModulePrefix = strippedModulePrefix;
    }

    public string Path { get; }

    public WeightFileFormat Format { get; }

    /// <summary>Name → tensor, in the order the file lists them.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Entries { get; }

    /// <summary>The checkpoint key the weights were found under ("state_dict", "model", …), or null when at the top.</summary>
    public string? NestedKey { get; }

    /// <summary>Whether every name carried DataParallel's "module." prefix, now removed.</summary>
    public bool StrippedModulePrefix { get; }

    public void Dispose()
    {
        foreach (var (_, tensor) in Entries)
        {
            tensor.Dispose();
        }
    }
}
