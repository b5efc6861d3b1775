using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Dissection;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class DissectCommandTests : IClassFixture<DissectorTests.SmallDictionary>
{
    private readonly DissectorTests.SmallDictionary _fixture;

    public DissectCommandTests(DissectorTests.SmallDictionary fixture) => _fixture = fixture;

    [Fact]
    public void Dissect_WritesByteIdenticalResults_OnTwoRuns()
    {
        using var dir = new TemporaryDirectory();
        var first = dir.Combine("a.json");
        var second = dir.Combine("b.json");

        var run1 = CliRun.Of(Args(first));
        var run2 = CliRun.Of(Args(second, "--batch", "7", "--memory-budget", "0"));

        Assert.Equal(0, run1.ExitCode);
        Assert.Equal(0, run2.ExitCode);
        Assert.Contains("\"name\": \"layer4.1.conv1\"", File.ReadAllText(first), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Dissect_ExitsTwo_WhenBothModelAndActivationsAreGiven()
    {
        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--activations", "/tmp", "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly one", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_WithoutADictionary()
    {
        var run = CliRun.Of("dissect", "--model", _fixture.CardPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dictionary", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gender")]
    [InlineData("gender=1.5")]
    public void Dissect_ExitsTwo_ForABadTheta(string theta)
    {
        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--theta", theta, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--theta '{theta}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_ExitsTwo_AndWritesNothing_ForAnUnknownLayer()
    {
        using var dir = new TemporaryDirectory();
        var output = dir.Combine("r.json");

        var run = CliRun.Of("dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--layer", "layer9", "--out", output, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no layer 'layer9'", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    private string[] Args(string output, params string[] more) =>
        ["dissect", "--dictionary", _fixture.DictionaryPath, "--model", _fixture.CardPath, "--layer", "layer4.1.conv1", "--device", "cpu", "--out", output, "--quiet", .. more];
}
