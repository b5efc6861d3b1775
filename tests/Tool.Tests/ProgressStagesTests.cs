using HndGate.Engine.Dissection;
using static HndGate.Tool.ProgressStages.Step;

namespace HndGate.Tool.Tests;

public sealed class ProgressStagesTests
{
    [Fact]
    public void Accept_StartsAStageOnANewName_AndDropsCountsThatGoBackOrComeAfterTheEnd()
    {
        var stages = new ProgressStages();
        static TimeSpan At(int seconds) => TimeSpan.FromSeconds(seconds);

        Assert.Equal(NewStage, stages.Accept(new DissectionProgress("pass 1", 0, 10), At(1)));
        Assert.Equal(SameStage, stages.Accept(new DissectionProgress("pass 1", 4, 10), At(2)));
        Assert.Equal(Stale, stages.Accept(new DissectionProgress("pass 1", 3, 10), At(3)));
        Assert.Equal(SameStage, stages.Accept(new DissectionProgress("pass 1", 10, 10), At(4)));
        Assert.Equal(Stale, stages.Accept(new DissectionProgress("pass 1", 10, 10), At(5)));
        Assert.Equal(At(1), stages.StageStart);

        Assert.Equal(NewStage, stages.Accept(new DissectionProgress("pass 2", 2, 10), At(6)));
        Assert.Equal(At(6), stages.StageStart);
        Assert.Equal(SameStage, stages.Accept(new DissectionProgress("pass 2", 2, 10), At(7)));
    }
}
