using HndGate.Engine.Reports;

namespace HndGate.Engine.Tests.Reports;

public sealed class StepSummaryTests
{
    [Fact]
    public void Append_AddsTheMarkdownAfterWhatTheFileHas_WithABlankLineBetween()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("summary.md");
        File.WriteAllText(path, "earlier step\n");

        StepSummary.Append(path, "## hnd-gate: ✅ PASSED\n");

        Assert.Equal("earlier step\n\n## hnd-gate: ✅ PASSED\n", File.ReadAllText(path));
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void Append_CreatesTheFile_WhenItDoesNotExist()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("summary.md");

        StepSummary.Append(path, "text\n");

        Assert.Equal("text\n", File.ReadAllText(path));
    }

    [Fact]
    public void Append_ToAnUnwritablePath_IsAnInputError()
    {
        using var temp = new TemporaryDirectory();

        var e = Assert.Throws<HndGateInputException>(() => StepSummary.Append(temp.Combine("no", "such", "folder", "summary.md"), "text"));

        Assert.Contains("step summary", e.Message, StringComparison.Ordinal);
    }
}
