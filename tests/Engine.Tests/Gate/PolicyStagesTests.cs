using HndGate.Engine.Dissection;
using HndGate.Engine.Gate;

namespace HndGate.Engine.Tests.Gate;

public sealed class PolicyStagesTests
{
    private static readonly DissectOptions CommandLine = new()
    {
        DictionaryPath = "dictionary",
        OutputPath = "results.json",
        Quantile = 0.002,
        IouThreshold = 0.08,
        FamilyThresholds = new Dictionary<string, double> { ["age"] = 0.4 },
    };

    private static readonly PolicyStages Stages = new(0.01, 0.05, [new("gender", 0.6), new("age", 0.35)]);

    [Fact]
    public void ApplyTo_SetsThePolicysStages_WhereTheCommandLineGaveNone()
    {
        var options = Stages.ApplyTo(CommandLine with { FamilyThresholds = new Dictionary<string, double>() }, quantileGiven: false, iouThresholdGiven: false);

        Assert.Equal((0.01, 0.05), (options.Quantile, options.IouThreshold));
        Assert.Equal(new Dictionary<string, double> { ["gender"] = 0.6, ["age"] = 0.35 }, options.FamilyThresholds);
        Assert.Equal("results.json", options.OutputPath);
    }

    [Fact]
    public void ApplyTo_KeepsTheCommandLinesValues_WhereItGaveThem()
    {
        var options = Stages.ApplyTo(CommandLine, quantileGiven: true, iouThresholdGiven: true);

        Assert.Equal((0.002, 0.08), (options.Quantile, options.IouThreshold));
        Assert.Equal(new Dictionary<string, double> { ["gender"] = 0.6, ["age"] = 0.4 }, options.FamilyThresholds);
    }

    [Fact]
    public void ApplyTo_ChangesNothing_OfAPolicyWithoutStages()
    {
        var options = PolicyStages.None.ApplyTo(CommandLine, quantileGiven: false, iouThresholdGiven: false);

        Assert.Equal((0.002, 0.08), (options.Quantile, options.IouThreshold));
        Assert.Equal(CommandLine.FamilyThresholds, options.FamilyThresholds);
    }
}
