using System.Runtime.CompilerServices;
using HndGate.Engine.Reports;

namespace HndGate.Engine.Tests.Reports;

/// <summary>
/// The reports of <see cref="ReportSamples.Full"/> against the files in Golden/. After a deliberate template change,
/// regenerate them with <c>HNDGATE_UPDATE_GOLDEN=1 dotnet test tests/Engine.Tests --filter ReportGoldenTests</c>
/// and review the diff before committing.
/// </summary>
public sealed class ReportGoldenTests
{
    private readonly ReportWriter writer = new();

    [Fact]
    public void Markdown_MatchesTheGoldenFile() => AssertGolden("report.md", writer.Markdown(ReportSamples.Full()));

    [Fact]
    public void JUnit_MatchesTheGoldenFile() => AssertGolden("junit.xml", writer.JUnit(ReportSamples.Full()));

    [Fact]
    public void Annotations_MatchTheGoldenFile() => AssertGolden("annotations.txt", writer.Annotations(ReportSamples.Full()));

    [Fact]
    public void Markdown_WithoutAPolicy_MatchesTheGoldenFile() =>
        AssertGolden("report-not-gated.md", writer.Markdown(ReportBuilder.Build(ReportSamples.Results(("layer4.1.conv1", 16)))));

    private static void AssertGolden(string name, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("HNDGATE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"no golden file {path}: run with HNDGATE_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
