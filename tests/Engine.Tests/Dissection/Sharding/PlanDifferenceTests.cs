using HndGate.Engine.Dissection.Sharding;
using HndGate.Engine.Results;

namespace HndGate.Engine.Tests.Dissection.Sharding;

public sealed class PlanDifferenceTests
{
    [Fact]
    public void Between_NamesTheDictionaryFirst_WhenSeveralThingsDiffer()
    {
        var plan = TinyPlan.Make();
        var other = plan with { Fingerprint = plan.Fingerprint with { DictionaryHash = "sha256:other", ModelHash = "sha256:m2" } };

        Assert.Equal("another dictionary (sha256:other, not sha256:dictionary)", PlanDifference.Between(plan, other));
    }

    [Fact]
    public void Between_ListsEveryDifferingOption()
    {
        var plan = TinyPlan.Make();
        var other = plan with { Fingerprint = plan.Fingerprint with { Options = [new("quantile", "0.01"), new("layers", "layer3"), new("precision", "float32")] } };

        Assert.Equal("other options (precision = float32, not (unset); quantile = 0.01, not 0.005)", PlanDifference.Between(plan, other));
    }

    [Fact]
    public void Between_NamesAnotherThreadCountBeforeOtherOptions_AndSaysToPinIt()
    {
        var plan = TinyPlan.Make();
        var withThreads = plan with { Fingerprint = plan.Fingerprint with { Options = [.. plan.Fingerprint.Options, new("threads", "2")] } };
        var other = plan with { Fingerprint = plan.Fingerprint with { Options = [new("quantile", "0.01"), new("layers", "layer3"), new("threads", "4")] } };

        Assert.Null(PlanDifference.Between(withThreads, withThreads with { }));
        Assert.Equal(
            "another LibTorch thread count (4, not 2): results are byte-identical only for the same count (R9); give every phase the same --threads",
            PlanDifference.Between(withThreads, other));
    }

    [Fact]
    public void Between_CatchesWhatTheFingerprintDoesNotSay()
    {
        var plan = TinyPlan.Make();
        var other = plan with { LocalImages = ["local/a.png", "local/b.png", "local/z.png"] };

        Assert.Null(PlanDifference.Between(plan, plan with { }));
        Assert.Contains("another plan", PlanDifference.Between(plan, other), StringComparison.Ordinal);
    }
}
