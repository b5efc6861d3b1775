using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class GlobalConceptStageTests
{
    private const double Tolerance = 1e-15;

    // Rows 0–3: gender (male: 2 images, female: 2); rows 4–7: age, one image per subgroup.
    private static readonly GlobalFamilyLayout[] Families =
    [
        new("gender", 0.55, ["male", "female"], [2, 2]),
        new("age", 0.30, ["young", "adult", "middle", "old"], [1, 1, 1, 1]),
    ];

    [Fact]
    public void Run_ComputesSubgroupProbabilities_WithLoFromAllValuesNotTheMaxima()
    {
        // Unit 0 on gender: maxima [4, 3, 1, 2], every minimum 0, so lo = 0 (not 1), hi = 4: ms = [1, 0.75, 0.25, 0.5],
        // R = [1, 0.75, 0.25, 0.5]. CS_male = (1 + 0.5625)/2 = 0.78125, CS_female = (0.0625 + 0.25)/2 = 0.15625;
        // P = 0.78125/0.9375 = 5/6 and 1/6: biased towards male (5/6 > 0.55).
        using var scope = torch.NewDisposeScope();
        var (maxima, minima) = Extremes();

        var gender = GlobalConceptStage.Run(maxima, minima, Families)[0];

        Assert.Equal(5.0 / 6, gender.Probabilities[0][0], Tolerance);
        Assert.Equal(1.0 / 6, gender.Probabilities[0][1], Tolerance);
        Assert.Equal([true, false], gender.Biased[0]);
    }

    [Fact]
    public void Run_GivesEveryProbabilityZero_ForASilentUnit()
    {
        // Unit 1 is 2 everywhere on gender: hi = lo, every score 0, so every P_s is 0 (the sum is 0).
        using var scope = torch.NewDisposeScope();
        var (maxima, minima) = Extremes();

        var gender = GlobalConceptStage.Run(maxima, minima, Families)[0];

        Assert.Equal([0.0, 0.0], gender.Probabilities[1]);
        Assert.Equal([false, false], gender.Biased[1]);
    }

    [Fact]
    public void Run_ReadsEachFamilyFromItsOwnRows_WithItsOwnRange()
    {
        // Unit 0 on age: maxima [0, 2, 4, 8], minima 0: lo = 0, hi = 8, ms = [0, 0.25, 0.5, 1], R = [1/4, 2/4, 3/4, 1].
        // CS = [0, 0.125, 0.375, 1], sum 1.5: P = [0, 1/12, 1/4, 2/3]; biased towards old only (θ = 0.30).
        using var scope = torch.NewDisposeScope();
        var (maxima, minima) = Extremes();

        var age = GlobalConceptStage.Run(maxima, minima, Families)[1];

        Assert.Equal("age", age.Family.Name);
        double[] expected = [0, 1.0 / 12, 0.25, 2.0 / 3];
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(expected[s], age.Probabilities[0][s], Tolerance);
        }

        Assert.Equal([false, false, false, true], age.Biased[0]);
    }

    [Fact]
    public void Run_Throws_WhenTheRowsDoNotMatchTheFamilies()
    {
        using var scope = torch.NewDisposeScope();

        Assert.Throws<ArgumentException>(() => GlobalConceptStage.Run(torch.zeros(7, 2), torch.zeros(7, 2), Families));
    }

    private static (torch.Tensor Maxima, torch.Tensor Minima) Extremes()
    {
        float[] maxima =
        [
            4, 2,
            3, 2,
            1, 2,
            2, 2,
            0, 1,
            2, 1,
            4, 1,
            8, 1,
        ];
        float[] minima =
        [
            0, 2,
            0, 2,
            0, 2,
            0, 2,
            0, 1,
            0, 1,
            0, 1,
            0, 1,
        ];
        return (torch.tensor(maxima, [8, 2]), torch.tensor(minima, [8, 2]));
    }
}
