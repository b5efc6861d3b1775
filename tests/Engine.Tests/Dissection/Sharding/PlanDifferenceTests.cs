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
    public void Between_CatchesWhatTheFingerprintDoesNotSay()
    {
        var plan = TinyPlan.Make();
        var other = plan with { LocalImages = ["local/a.png", "local/b.png", "local/z.png"] };

        Assert.Null(PlanDifference.Between(plan, plan with { }));
        Assert.Contains("another plan", PlanDifference.Between(plan, other), StringComparison.Ordinal);
    }
}
