using System.Text.Json;
using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Models.Weights;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class InitCommandTests
{
    [Fact]
    public void Init_WritesACardThatInfersTheArchitecture_FromACustomHeadCheckpoint()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "resnet50_custom_head.pth");
        var card = dir.Combine("cards", "gender.json");
        Directory.CreateDirectory(dir.Combine("cards"));

        var run = CliRun.Of("init", "--model", weights, "--out", card, "--input-size", "64");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("resnet50", run.Output, StringComparison.Ordinal);
        Assert.Contains("fc.weight, fc.bias", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(card));
        var root = json.RootElement;
        Assert.Equal("resnet50", root.GetProperty("architecture").GetString());
        Assert.Equal("../resnet50_custom_head.pth", root.GetProperty("weights").GetString());
        Assert.Equal(64, root.GetProperty("input").GetProperty("size").GetInt32());
        Assert.Equal("layer4.2.conv3", root.GetProperty("layers")[0].GetString());
    }

    [Fact]
    public void Init_TakesFacenetsNormalisationAndSize_ForInceptionResnetV1()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "inception_resnet_v1_legacy.pt");
        var card = dir.Combine("hnd-model.json");

        var run = CliRun.Of("init", "--model", weights, "--out", card);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(card));
        var input = json.RootElement.GetProperty("input");
        Assert.Equal("inception_resnet_v1", json.RootElement.GetProperty("architecture").GetString());
        Assert.False(json.RootElement.TryGetProperty("num_classes", out _));
        Assert.Equal(160, input.GetProperty("size").GetInt32());
        Assert.Equal(255, input.GetProperty("pixel_scale").GetDouble());
        Assert.All(input.GetProperty("mean").EnumerateArray(), m => Assert.Equal(127.5, m.GetDouble()));
        Assert.All(input.GetProperty("std").EnumerateArray(), s => Assert.Equal(128, s.GetDouble()));
    }

    [Fact]
    public void Init_ReadsTheClassCount_FromTheClassifier()
    {
        using var dir = new TemporaryDirectory();
        var card = dir.Combine("hnd-model.json");

        var run = CliRun.Of("init", "--model", Copy(dir, "resnet18.pth"), "--out", card, "--input-size", "32");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("from fc.weight [1000, 512]", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(card));
        Assert.Equal(1000, json.RootElement.GetProperty("num_classes").GetInt32());
    }

    [Fact]
    public void Init_ExitsTwo_AndWritesNothing_WhenTheGivenArchitectureDoesNotFit()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "resnet18.pth");

        var run = CliRun.Of("init", "--model", weights, "--architecture", "resnet34", "--out", dir.Combine("c.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the file is not a resnet34: 'layer1.2.conv1.weight' is not in the file", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("c.json")));
    }

    [Fact]
    public void Init_ExitsTwo_ForAMaliciousPickle()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of("init", "--model", Copy(dir, "evil_os_system.pth"), "--out", dir.Combine("c.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("asks for 'posix.system'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("c.json")));
    }

    [Fact]
    public void Init_ExitsTwo_WhenTheFileMatchesNoArchitecture()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of("init", "--model", Copy(dir, "tiny.pth"), "--out", dir.Combine("c.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("matches none of the architectures", run.Error, StringComparison.Ordinal);
        Assert.Contains("'conv.weight'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_RefusesToReplaceACard_WithoutForce()
    {
        using var dir = new TemporaryDirectory();
        var card = dir.Combine("hnd-model.json");
        File.WriteAllText(card, "{}");

        var run = CliRun.Of("init", "--model", Copy(dir, "resnet18.pth"), "--out", card);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(card));
    }

    private static string Copy(TemporaryDirectory dir, string fixture)
    {
        var path = dir.Combine(fixture);
        File.Copy(WeightFixtures.Path(fixture), path);
        return path;
    }
}
