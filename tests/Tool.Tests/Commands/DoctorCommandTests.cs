using System.Text.Json;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_ReportsLibTorch210AndExitsZero_OnThisMachine()
    {
        var run = CliRun.Of("doctor");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"LibTorch\s+2\.10\.\S+ loaded from \S+libtorch_cpu\.so \(bundled CPU build\)", run.Output);
        Assert.Contains("GLIBCXX_3.4.32 present", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"CUDA\s+not available", run.Output);
    }

    [Fact]
    public void Doctor_WritesParseableJson_WithJson()
    {
        var run = CliRun.Of("doctor", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.StartsWith("2.10", json.RootElement.GetProperty("libtorch").GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.False(json.RootElement.GetProperty("cuda").GetProperty("available").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("cuda").GetProperty("memory").GetArrayLength());
    }

    [Fact]
    public void Doctor_ExitsThreeAndSaysWhy_WhenTheLibTorchFolderDoesNotExist()
    {
        var run = CliRun.Of("doctor", "--libtorch", "/nonexistent/torch/lib");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("LibTorch cannot load", run.Error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/torch/lib", run.Error, StringComparison.Ordinal);
    }
}
