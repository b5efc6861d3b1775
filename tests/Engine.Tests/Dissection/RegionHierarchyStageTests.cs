using HndGate.Engine.Dissection;
using TorchSharp;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class RegionHierarchyStageTests
{
    private const double Tolerance = 1e-15;

    // Local images (StageFixtures.EyeAndMouth): n0 {A}, n1 {A, B}, n2 {B}, n3 {D}, n4 {}. P_eye = [n0, n1, n2].
    // Units 0 and 1 have maxima [4, 6, 4, 10, 0] and minima 0 but −2 on n4: lo = −2 and hi = 10 come from images
    // outside P. On P: ms = [1/2, 2/3, 1/2]; the tie n0 = n2 keeps list order, so R = [1/3, 1, 2/3];
    // CS_A = (1/3·1/2 + 1·2/3)/2 = 5/12, CS_B = (1·2/3 + 2/3·1/2)/2 = 1/2, CS_C = 0 (no image: K_eye = 2, bar 0.75).
    private static readonly RegionScores?[] Scores = Run();

    [Fact]
    public void Run_ExcludesAConceptWithoutImagesFromKr()
    {
        // Unit 0: IoU_A = IoU_B = 0.2, so P = [5/11, 6/11, 0]. With C counted, K_eye = 3 would make B interpretable.
        var unit = Scores[0]!;

        Assert.Equal(2, unit.RegionConceptCount);
        Assert.Equal([0, 1, 2], unit.Concepts);
        Assert.Equal(5.0 / 11, unit.Probabilities[0], Tolerance);
        Assert.Equal(6.0 / 11, unit.Probabilities[1], Tolerance);
        Assert.Equal(0, unit.Probabilities[2]);
        Assert.Equal([false, false, false], unit.Interpretable);
    }

    [Fact]
    public void Run_ScalesScoresByIou_AndMarksConceptsAboveOnePointFiveOverKr()
    {
        // Unit 1: IoU_A = 1/2, IoU_B = 1/10: CS' = 5/24 and 1/20, P_A = 25/31 > 0.75.
        var unit = Scores[1]!;

        Assert.Equal(25.0 / 31, unit.Probabilities[0], Tolerance);
        Assert.Equal(6.0 / 31, unit.Probabilities[1], Tolerance);
        Assert.Equal([true, false, false], unit.Interpretable);
    }

    [Fact]
    public void Run_GivesEveryProbabilityZero_WhenTheRegionsScoresSumToZero()
    {
        // Unit 2: its maximum on every image of P equals lo = −2, so every ms and CS is 0.
        Assert.Equal([0.0, 0.0, 0.0], Scores[2]!.Probabilities);
        Assert.Equal([false, false, false], Scores[2]!.Interpretable);
    }

    [Fact]
    public void Run_SkipsUnitsThatAreNotLocalisable()
    {
        Assert.Null(Scores[3]);
    }

    [Fact]
    public void Run_NeverMarksTheOnlyConceptOfARegion()
    {
        // Unit 4, mouth: P = [n3], K_mouth = 1: P_D = 1 is not above 1.5.
        var unit = Scores[4]!;

        Assert.Equal("mouth", unit.Region);
        Assert.Equal([1.0], unit.Probabilities);
        Assert.Equal([false], unit.Interpretable);
    }

    private static RegionScores?[] Run()
    {
        using var scope = torch.NewDisposeScope();
        float[] maxima =
        [
            4, 4, -2, 0, 1,
            6, 6, -2, 0, 2,
            4, 4, -2, 0, 3,
            10, 10, 5, 0, 4,
            0, 0, -2, 0, 5,
        ];
        float[] minima =
        [
            0, 0, -2, 0, 0,
            0, 0, -2, 0, 0,
            0, 0, -2, 0, 0,
            0, 0, -2, 0, 0,
            -2, -2, -2, 0, 0,
        ];
        var counts = StageFixtures.Counts(
            [(1, 5), (1, 5), (0, 0), (0, 3)],
            [(1, 2), (1, 10), (0, 0), (0, 3)],
            [(1, 2), (0, 4), (0, 0), (0, 3)],
            [(0, 3), (0, 3), (0, 0), (0, 3)],
            [(0, 3), (0, 3), (0, 0), (1, 2)]);
        UnitRegion[] regions =
        [
            new(0, 0.2, true, "eye"),
            new(0, 0.5, true, "eye"),
            new(0, 0.5, true, "eye"),
            new(0, 0, false, null),
            new(3, 0.5, true, "mouth"),
        ];

        return [.. RegionHierarchyStage.Run(torch.tensor(maxima, [5, 5]), torch.tensor(minima, [5, 5]), counts, regions, StageFixtures.EyeAndMouth())];
    }
}
