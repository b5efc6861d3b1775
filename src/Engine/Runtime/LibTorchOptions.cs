namespace HndGate.Engine.Runtime;

/// <summary>Where LibTorch comes from: the bundled CPU build, or a directory the user names (a CUDA build).</summary>
/// <param name="Directory">A folder holding libtorch.so, libc10.so and libtorch_cpu.so of LibTorch 2.10; null for the bundled build.</param>
public sealed record LibTorchOptions(string? Directory)
{
    public const string EnvironmentVariable = "HNDGATE_LIBTORCH";

    /// <summary>The <c>--libtorch</c> value if given, else <c>HNDGATE_LIBTORCH</c>, else the bundled build.</summary>
    public static LibTorchOptions From(string? option, Func<string, string?> environment)
    {
        var value = string.IsNullOrWhiteSpace(option) ? environment(EnvironmentVariable) : option;
        return new LibTorchOptions(string.IsNullOrWhiteSpace(value) ? null : value);
    }
}
