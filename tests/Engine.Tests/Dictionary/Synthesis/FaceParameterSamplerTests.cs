using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Engine.Tests.Dictionary.Synthesis;

public sealed class FaceParameterSamplerTests
{
    private static readonly string[] Beards = ["Goatee", "Mustache", "5_o_Clock_Shadow"];

    public static TheoryData<string> OptionalConcepts() => [.. FaceParameterSampler.Optional];

    [Fact]
    public void Optional_HoldsThe30StandardConceptsThatAreNotParts()
    {
        Assert.Equal(30, FaceParameterSampler.Optional.Count);
        Assert.DoesNotContain("left_eye", FaceParameterSampler.Optional);
        Assert.Contains("No_Beard", FaceParameterSampler.Optional);
    }

    [Theory]
    [MemberData(nameof(OptionalConcepts))]
    public void Local_ShowsTheForcedConcept_WithConsistentLabels(string forced)
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var face = FaceParameterSampler.Local(new SplitMix64((ulong)seed), forced);
            var c = face.Concepts;

            Assert.Contains(forced, c);
            Assert.Equal(!c.Overlaps(Beards), c.Contains("No_Beard"));
            Assert.True(!c.Contains("Smiling") || c.Contains("AU_12"), "Smiling is drawn as AU 12");
            Assert.True(!c.Contains("Mouth_Slightly_Open") || c.Contains("AU_25"), "an open mouth parts the lips");
            Assert.True(!c.Contains("AU_26") || c.Contains("AU_25"), "a jaw drop parts the lips");
            Assert.False(c.Contains("AU_12") && c.Contains("AU_15"), "lip corners cannot go up and down");
            Assert.False(c.Contains("AU_17") && c.Contains("AU_25"), "a raised chin closes the lips");
            Assert.True(!c.Overlaps(Beards) || (face.Male && face.Age >= 18), "facial hair on adult men only");
            Assert.True(!c.Contains("Wearing_Lipstick") || !face.Male, "lipstick on women only");
        }
    }

    [Theory]
    [InlineData("age", "zero_to_twenty", 0, 20)]
    [InlineData("age", "twenty_to_forty", 20, 40)]
    [InlineData("age", "forty_to_sixty", 40, 60)]
    [InlineData("age", "sixty_plus", 60, 90)]
    public void Global_DrawsAgesInsideTheSubgroup(string family, string subgroup, double low, double high)
    {
        for (var seed = 0; seed < 50; seed++)
        {
            Assert.InRange(FaceParameterSampler.Global(new SplitMix64((ulong)seed), family, subgroup).Age, low, high);
        }
    }

    [Fact]
    public void Global_FollowsGenderSkinToneAndColourScheme()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            SplitMix64 Rng() => new((ulong)seed);
            Assert.True(FaceParameterSampler.Global(Rng(), "gender", "male").Male);
            Assert.False(FaceParameterSampler.Global(Rng(), "gender", "female").Male);
            Assert.True(FaceParameterSampler.Global(Rng(), "color_scheme", "grayscale").Grayscale);
            Assert.False(FaceParameterSampler.Global(Rng(), "color_scheme", "color").Grayscale);

            // Rec. 601 luma of the skin: bright faces ≥ 0.67 and dark ones ≤ 0.46 by the tone ranges and jitter.
            Assert.True(FaceParameterSampler.Global(Rng(), "skin_tone", "bright").Skin.Luma > 0.6);
            Assert.True(FaceParameterSampler.Global(Rng(), "skin_tone", "dark").Skin.Luma < 0.5);
        }
    }
}
