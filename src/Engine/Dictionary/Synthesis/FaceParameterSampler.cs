using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// Draws random faces. A local face is made to show one given concept (so that every concept appears in
/// every run of 30 local images) plus a random compatible set of others; a global face is made to belong to one
/// subgroup of one family, with everything else random.
/// </summary>
internal static class FaceParameterSampler
{
    /// <summary>The local concepts that are drawn on some faces only: the standard ones that are not parts.</summary>
    public static IReadOnlyList<string> Optional { get; } =
        StandardConcepts.Local.Where(c => c.Type != ConceptType.Part).Select(c => c.Name).ToList();

    private static readonly Rgb BrightSkin = new(0.98, 0.85, 0.75);
    private static readonly Rgb DarkSkin = new(0.33, 0.2, 0.13);

    private static readonly Rgb[] HairColours =
    [
        new(0.07, 0.06, 0.06), new(0.2, 0.13, 0.08), new(0.4, 0.26, 0.15), new(0.8, 0.66, 0.4), new(0.55, 0.24, 0.1),
    ];

    private static readonly Rgb[] IrisColours =
    [
        new(0.33, 0.19, 0.09), new(0.15, 0.09, 0.06), new(0.3, 0.46, 0.66), new(0.34, 0.45, 0.28), new(0.5, 0.36, 0.18),
    ];

    private static readonly Rgb[] Lipsticks = [new(0.78, 0.05, 0.16), new(0.88, 0.22, 0.38), new(0.55, 0.04, 0.12), new(0.92, 0.36, 0.42)];

    private static readonly Rgb[] Frames = [new(0.05, 0.05, 0.05), new(0.3, 0.18, 0.1), new(0.75, 0.62, 0.3), new(0.7, 0.7, 0.72)];

    /// <summary>A face for the local set that shows <paramref name="forced"/> (null: no particular concept).</summary>
    public static FaceParameters Local(SplitMix64 rng, string? forced)
    {
        var male = (forced is not null && ConceptCompatibility.Beards.Contains(forced)) || (forced != "Wearing_Lipstick" && rng.Chance(0.5));
        var age = male && forced is not null && ConceptCompatibility.Beards.Contains(forced) ? rng.Uniform(20, 80) : rng.Uniform(8, 80);
        var concepts = ChooseConcepts(rng, forced, 0.2, male, age);
        return Identity(rng, concepts, male, age, rng.NextDouble(), grayscale: false);
    }

    /// <summary>A face for subgroup <paramref name="subgroup"/> of the synthetic family <paramref name="family"/>.</summary>
    public static FaceParameters Global(SplitMix64 rng, string family, string subgroup)
    {
        var male = family == "gender" ? subgroup == "male" : rng.Chance(0.5);
        var age = family == "age"
            ? subgroup switch
            {
                "zero_to_twenty" => rng.Uniform(3, 20),
                "twenty_to_forty" => rng.Uniform(20, 40),
                "forty_to_sixty" => rng.Uniform(40, 60),
                _ => rng.Uniform(60, 86),
            }
            : rng.Uniform(8, 80);
        var tone = family == "skin_tone" ? (subgroup == "bright" ? rng.Uniform(0, 0.28) : rng.Uniform(0.68, 1)) : rng.NextDouble();
        var grayscale = family == "color_scheme" && subgroup == "grayscale";
        var concepts = ChooseConcepts(rng, null, 0.1, male, age);
        return Identity(rng, concepts, male, age, tone, grayscale);
    }

    private static HashSet<string> ChooseConcepts(SplitMix64 rng, string? forced, double p, bool male, double age)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        if (forced is not null)
        {
            ConceptCompatibility.Add(forced, chosen);
        }

        foreach (var concept in Optional)
        {
            if (concept == "No_Beard" || chosen.Contains(concept))
            {
                continue;
            }

            // Facial hair on adult men only, lipstick on women only: the renderer keeps gender cues consistent.
            var allowed = ConceptCompatibility.Beards.Contains(concept) ? male && age >= 18 : concept != "Wearing_Lipstick" || !male;
            var chance = ConceptCompatibility.Beards.Contains(concept) || concept == "Wearing_Lipstick" ? 2 * p : p;
            if (allowed && rng.Chance(chance) && ConceptCompatibility.Fits(concept, chosen))
            {
                ConceptCompatibility.Add(concept, chosen);
            }
        }

        ConceptCompatibility.SettleNoBeard(chosen);
        return chosen;
    }

    private static FaceParameters Identity(SplitMix64 rng, IReadOnlySet<string> concepts, bool male, double age, double tone, bool grayscale)
    {
        var skin = Rgb.Lerp(BrightSkin, DarkSkin, tone);
        skin = new Rgb(skin.R + rng.Uniform(-0.03, 0.03), skin.G + rng.Uniform(-0.03, 0.02), skin.B + rng.Uniform(-0.03, 0.02)).Scale(1);

        // Darker skin mostly with dark hair; grey comes with age.
        var hair = tone > 0.55 && rng.Chance(0.85) ? HairColours[rng.Below(2)] : rng.Pick(HairColours);
        var grey = Math.Clamp(((age - 35) / 35) + rng.Uniform(-0.2, 0.2), 0, 1);
        hair = Rgb.Lerp(hair, new Rgb(0.82, 0.82, 0.8), grey);

        var style = male
            ? age > 40 && rng.Chance(0.35) ? HairStyle.Receding : rng.Chance(0.88) ? HairStyle.Short : HairStyle.Bob
            : rng.Chance(0.6) ? HairStyle.Long : rng.Chance(0.75) ? HairStyle.Bob : HairStyle.Short;

        var shape = new ShapeTraits(
            FaceWidth: 1 + (0.04 * rng.Normal()),
            FaceLength: 1 + (0.04 * rng.Normal()),
            JawWidth: (male ? 1.06 : 0.94) + (0.03 * rng.Normal()),
            EyeSize: 1 + (0.06 * rng.Normal()),
            EyeSpacing: 0.008 * rng.Normal(),
            NoseLength: 1 + (0.05 * rng.Normal()),
            NoseWidth: (male ? 1.05 : 0.95) + (0.06 * rng.Normal()),
            MouthWidth: 1 + (0.05 * rng.Normal()),
            LipThickness: (male ? 0.95 : 1.12) + (0.08 * rng.Normal()),
            BrowHeight: (male ? -0.005 : 0.01) + (0.01 * rng.Normal()));

        return new FaceParameters
        {
            Concepts = concepts,
            Male = male,
            Age = age,
            Skin = skin,
            Hair = hair,
            HairStyle = style,
            Iris = tone > 0.5 ? IrisColours[rng.Below(2)] : rng.Pick(IrisColours),
            Clothes = new Rgb(rng.Uniform(0.05, 0.9), rng.Uniform(0.05, 0.9), rng.Uniform(0.05, 0.9)),
            LipTint = concepts.Contains("Wearing_Lipstick") ? rng.Pick(Lipsticks) : Rgb.Lerp(skin, new Rgb(0.72, 0.3, 0.32), male ? 0.3 : 0.42).Scale(0.92),
            GlassesFrame = rng.Pick(Frames),
            Yaw = Math.Clamp(0.12 * rng.Normal(), -0.3, 0.3),
            Roll = Math.Clamp(0.06 * rng.Normal(), -0.15, 0.15),
            Scale = rng.Uniform(0.9, 1.08),
            Shift = new Point2(Math.Clamp(0.02 * rng.Normal(), -0.05, 0.05), Math.Clamp(0.02 * rng.Normal(), -0.04, 0.04)),
            Shape = shape,
            Jitter = Enumerable.Range(0, 2 * ConceptMap.LandmarkCount).Select(_ => 0.004 * rng.Normal()).ToArray(),
            Intensity = rng.Uniform(0.8, 1.2),
            Grayscale = grayscale,
            SceneSeed = rng.NextUInt64(),
        };
    }
}
