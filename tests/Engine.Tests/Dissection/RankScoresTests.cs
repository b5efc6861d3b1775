using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class RankScoresTests
{
    private const double Tolerance = 1e-15;

    [Fact]
    public void Compute_RanksTiedMaximaInListOrder()
    {
        // m = [2, 1, 2, 3], lo = 0, hi = 4: ms = [0.5, 0.25, 0.5, 0.75]. Stable ascending order: positions 1, 0, 2, 3,
        // so R = [2/4, 1/4, 3/4, 4/4]. CS{0,1} = (0.5·0.5 + 0.25·0.25)/2 = 0.15625; CS{2,3} = (0.75·0.5 + 1·0.75)/2 = 0.5625.
        // (Ties in the other order would give CS{0,1} = 0.21875.)
        using var scope = torch.NewDisposeScope();
        var maxima = torch.tensor(new float[] { 2, 1, 2, 3 }, [4, 1]);

        var scores = RankScores.Compute(maxima, torch.tensor(new float[] { 0 }), torch.tensor(new float[] { 4 }), [[0, 1], [2, 3]]);

        Assert.Equal([0.15625, 0.5625], scores.data<double>().ToArray());
    }

    [Fact]
    public void Compute_ScoresEveryGroupZero_ForASilentUnit()
    {
        using var scope = torch.NewDisposeScope();
        var maxima = torch.tensor(new float[] { 3, 3, 3 }, [3, 1]);

        var scores = RankScores.Compute(maxima, torch.tensor(new float[] { 3 }), torch.tensor(new float[] { 3 }), [[0], [1, 2]]);

        Assert.Equal([0.0, 0.0], scores.data<double>().ToArray());
    }

    [Fact]
    public void Compute_ScoresEachUnitWithItsOwnRange_AndAnEmptyGroupZero()
    {
        // Unit 0: m = [1, 3], range [1, 3]: ms = [0, 1], R = [1/2, 1]. Unit 1: m = [4, 0], range [−4, 4]:
        // ms = [1, 0.5], R = [1, 1/2]. Groups {0}, {1}, {0,1}, {}.
        using var scope = torch.NewDisposeScope();
        var maxima = torch.tensor(new float[] { 1, 4, 3, 0 }, [2, 2]);

        var scores = RankScores.Compute(maxima, torch.tensor(new float[] { 1, -4 }), torch.tensor(new float[] { 3, 4 }), [[0], [1], [0, 1], []]);

        double[] expected = [0, 1, 0.5, 0, 1, 0.25, 0.625, 0];
        Assert.Equal(expected, scores.data<double>().ToArray(), new ToleranceComparer(Tolerance));
    }

    [Fact]
    public void Compute_GivesOneImagePerGroupItsRankTimesScaledMaximum()
    {
        // m = [0.5, 0.25, 1] in [0, 1]: R = [2/3, 1/3, 1].
        using var scope = torch.NewDisposeScope();
        var maxima = torch.tensor(new float[] { 0.5f, 0.25f, 1 }, [3, 1]);

        var scores = RankScores.Compute(maxima, torch.tensor(new float[] { 0 }), torch.tensor(new float[] { 1 }), [[0], [1], [2]]);

        Assert.Equal([2.0 / 3 * 0.5, 1.0 / 3 * 0.25, 1], scores.data<double>().ToArray(), new ToleranceComparer(Tolerance));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
