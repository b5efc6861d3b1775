using HndGate.Engine.Runtime;

namespace HndGate.Engine.Tests.Runtime;

[Collection("Torch")]
public sealed class LibTorchRuntimeTests
{
    [Fact]
    public void Load_ReportsLibTorch210FromTheBundledBuild_WhenNoDirectoryIsNamed()
    {
        var status = LibTorchRuntime.Load(new LibTorchOptions(null));

        Assert.StartsWith("2.10", status.Version, StringComparison.Ordinal);
        Assert.NotNull(status.LibraryPath);
        Assert.EndsWith("libtorch_cpu.so", status.LibraryPath, StringComparison.Ordinal);
        Assert.True(status.Threads >= 1);
        Assert.True(status.CxxRuntime.HasRequiredVersion);
    }

    [Fact]
    public void Load_NamesTheFolder_WhenTheNamedDirectoryDoesNotExist()
    {
        var e = Assert.Throws<HndGateRuntimeException>(() => LibTorchRuntime.Load(new LibTorchOptions("/nonexistent/torch/lib")));

        Assert.Contains("'/nonexistent/torch/lib'", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ListsTheMissingLibraries_WhenTheDirectoryIsNotALibTorch()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllBytes(dir.Combine("libc10.so"), [0]);

        var e = Assert.Throws<HndGateRuntimeException>(() => LibTorchRuntime.Load(new LibTorchOptions(dir.Path)));

        Assert.Contains("lacks libtorch_cpu.so, libtorch.so", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_BlamesTheCxxRuntimeInPlainWords_WhenGlibcxx3432IsMissing()
    {
        var misleading = new NotSupportedException("The libtorch-cpu-linux-x64 package doesn't contain a reference to libtorch-cpu-linux-x64");
        var oldRuntime = new CxxRuntimeCheck("/lib/x86_64-linux-gnu/libstdc++.so.6", false);

        var message = LibTorchRuntime.Explain(misleading, oldRuntime, new LibTorchOptions(null));

        Assert.Contains("lacks GLIBCXX_3.4.32", message, StringComparison.Ordinal);
        Assert.Contains("run scripts/setup", message, StringComparison.Ordinal);
        Assert.DoesNotContain("doesn't contain a reference", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_KeepsTheCauseAndNamesTheFolder_WhenTheRuntimeIsFine()
    {
        var failure = new DllNotFoundException("libcudart.so.12: cannot open shared object file");
        var goodRuntime = new CxxRuntimeCheck("/lib/x86_64-linux-gnu/libstdc++.so.6", true);

        var message = LibTorchRuntime.Explain(failure, goodRuntime, new LibTorchOptions("/opt/torch/lib"));

        Assert.Contains("'/opt/torch/lib'", message, StringComparison.Ordinal);
        Assert.Contains("libcudart.so.12", message, StringComparison.Ordinal);
        Assert.Contains(LibTorchOptions.EnvironmentVariable, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/from/option", "/from/env", "/from/option")]
    [InlineData(null, "/from/env", "/from/env")]
    [InlineData(null, null, null)]
    [InlineData("", "  ", null)]
    public void From_PrefersTheOptionOverTheEnvironment(string? option, string? environment, string? expected)
    {
        var options = LibTorchOptions.From(option, name => name == LibTorchOptions.EnvironmentVariable ? environment : null);

        Assert.Equal(expected, options.Directory);
    }
}
