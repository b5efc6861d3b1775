using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Engine.Tests.Dictionary.Synthesis;

public sealed class FaceGeometryTests
{
    private const int Size = 64;

    private static FaceParameters Neutral(int seed) => FaceParameterSampler.Local(new SplitMix64((ulong)seed), null) with
    {
        Concepts = new HashSet<string> { "No_Beard" },
        Yaw = 0,
        Roll = 0,
        Intensity = 1,
    };

    private static FaceGeometry With(FaceParameters face, params string[] concepts) =>
        new(face with { Concepts = new HashSet<string>(concepts) }, Size);

    [Fact]
    public void MeanFaceShape_IsSymmetricAndOneUnitWide()
    {
        var points = MeanFaceShape.Points;

        Assert.Equal(68, points.Count);
        Assert.Equal(1.0, points[16].X - points[0].X, 12);
        for (var i = 0; i < 68; i++)
        {
            var mirror = points[MeanFaceShape.Mirror[i]];
            Assert.Equal(-points[i].X, mirror.X, 12);
            Assert.Equal(points[i].Y, mirror.Y, 12);
        }

        Assert.True(points[8].Y > points[57].Y && points[57].Y > points[33].Y && points[33].Y > points[39].Y && points[39].Y > points[21].Y, "chin, mouth, nose, eyes, brows from bottom to top");
    }

    [Fact]
    public void Landmarks_StayInsideTheImage_ForManyRandomFaces()
    {
        for (var i = 0; i < 300; i++)
        {
            var face = FaceParameterSampler.Local(SplitMix64.For(1, 1, i), FaceParameterSampler.Optional[i % 30]);
            Assert.All(new FaceGeometry(face, Size).Landmarks, p =>
            {
                Assert.InRange(p.X, 1, Size - 2);
                Assert.InRange(p.Y, 1, Size - 2);
            });
        }
    }

    // (concept, landmark, axis, sign): the landmark moves that way compared with the neutral face.
    [Theory]
    [InlineData("AU_1", 21, 'y', -1)] // inner brow up
    [InlineData("AU_2", 17, 'y', -1)] // outer brow up
    [InlineData("AU_4", 19, 'y', 1)] // brows down
    [InlineData("AU_5", 37, 'y', -1)] // upper lid up
    [InlineData("AU_6", 41, 'y', -1)] // lower lid pushed up
    [InlineData("AU_9", 33, 'y', -1)] // nose base up
    [InlineData("AU_12", 48, 'y', -1)] // lip corner up
    [InlineData("AU_15", 48, 'y', 1)] // lip corner down
    [InlineData("AU_17", 57, 'y', -1)] // lower lip pushed up
    [InlineData("AU_20", 54, 'x', 1)] // lip corner pulled out
    [InlineData("AU_25", 66, 'y', 1)] // lips part
    [InlineData("Arched_Eyebrows", 19, 'y', -1)]
    [InlineData("Narrow_Eyes", 38, 'y', 1)]
    [InlineData("Big_Nose", 35, 'x', 1)]
    [InlineData("Pointy_Nose", 30, 'y', 1)]
    [InlineData("Big_Lips", 57, 'y', 1)]
    [InlineData("High_Cheekbones", 15, 'x', 1)]
    [InlineData("Double_Chin", 8, 'y', 1)]
    public void Concept_MovesItsLandmark_TheWayItsDefinitionSays(string concept, int landmark, char axis, int sign)
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var face = Neutral(seed);
            var before = With(face, "No_Beard").Landmarks[landmark];
            var after = With(face, concept, "No_Beard").Landmarks[landmark];
            var delta = axis == 'x' ? after.X - before.X : after.Y - before.Y;

            Assert.True(delta * sign > 0.1, $"{concept} moved landmark {landmark} by {delta:F3} px along {axis}");
        }
    }

    [Fact]
    public void JawDrop_MovesTheChinFurtherThanPartedLips()
    {
        var face = Neutral(3);
        var parted = With(face, "AU_25").Landmarks[8].Y;
        var dropped = With(face, "AU_25", "AU_26").Landmarks[8].Y;

        Assert.True(dropped - parted > 1, $"chin moved {dropped - parted:F2} px");
    }

    [Fact]
    public void Yaw_MovesTheNoseTipTowardsTheTurn()
    {
        var face = Neutral(4);
        var front = new FaceGeometry(face, Size);
        var turned = new FaceGeometry(face with { Yaw = 0.3 }, Size);

        var noseOffset = (FaceGeometry g) => g.Landmarks[30].X - ((g.Landmarks[0].X + g.Landmarks[16].X) / 2);
        Assert.True(noseOffset(turned) - noseOffset(front) > 1, "the nose tip stands out of the head and turns further than the jaw");
    }
}
