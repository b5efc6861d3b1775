namespace HndGate.Engine.Dictionary;

/// <summary>The paper's concept set: 38 local concepts in 5 regions and 4 global families (face-dictionary.md).</summary>
public static class StandardConcepts
{
    /// <summary>The 38 local concepts, in the canonical concept order (region by region, AU, parts, attributes).</summary>
    public static IReadOnlyList<Concept> Local { get; } =
    [
        new("AU_1", ConceptType.ActionUnit, "eye"),
        new("AU_2", ConceptType.ActionUnit, "eye"),
        new("AU_4", ConceptType.ActionUnit, "eye"),
        new("AU_5", ConceptType.ActionUnit, "eye"),
        new("left_brow", ConceptType.Part, "eye"),
        new("right_brow", ConceptType.Part, "eye"),
        new("left_eye", ConceptType.Part, "eye"),
        new("right_eye", ConceptType.Part, "eye"),
        new("Arched_Eyebrows", ConceptType.Attribute, "eye"),
        new("Bushy_Eyebrows", ConceptType.Attribute, "eye"),
        new("Eyeglasses", ConceptType.Attribute, "eye"),
        new("Narrow_Eyes", ConceptType.Attribute, "eye"),
        new("AU_6", ConceptType.ActionUnit, "cheek"),
        new("left_cheek", ConceptType.Part, "cheek"),
        new("right_cheek", ConceptType.Part, "cheek"),
        new("Bags_Under_Eyes", ConceptType.Attribute, "cheek"),
        new("High_Cheekbones", ConceptType.Attribute, "cheek"),
        new("Rosy_Cheeks", ConceptType.Attribute, "cheek"),
        new("No_Beard", ConceptType.Attribute, "cheek"),
        new("5_o_Clock_Shadow", ConceptType.Attribute, "cheek"),
        new("AU_9", ConceptType.ActionUnit, "nose"),
        new("nose", ConceptType.Part, "nose"),
        new("Big_Nose", ConceptType.Attribute, "nose"),
        new("Pointy_Nose", ConceptType.Attribute, "nose"),
        new("AU_12", ConceptType.ActionUnit, "mouth"),
        new("AU_15", ConceptType.ActionUnit, "mouth"),
        new("AU_20", ConceptType.ActionUnit, "mouth"),
        new("AU_25", ConceptType.ActionUnit, "mouth"),
        new("mouth", ConceptType.Part, "mouth"),
        new("Big_Lips", ConceptType.Attribute, "mouth"),
        new("Mouth_Slightly_Open", ConceptType.Attribute, "mouth"),
        new("Mustache", ConceptType.Attribute, "mouth"),
        new("Smiling", ConceptType.Attribute, "mouth"),
        new("Wearing_Lipstick", ConceptType.Attribute, "mouth"),
        new("AU_17", ConceptType.ActionUnit, "chin"),
        new("AU_26", ConceptType.ActionUnit, "chin"),
        new("Double_Chin", ConceptType.Attribute, "chin"),
        new("Goatee", ConceptType.Attribute, "chin"),
    ];

    /// <summary>The standard global families and their subgroups in declared order (names as the spec writes them).</summary>
    public static IReadOnlyList<(string Family, IReadOnlyList<string> Subgroups)> GlobalFamilies { get; } =
    [
        ("age", ["zero_to_twenty", "twenty_to_forty", "forty_to_sixty", "sixty_plus"]),
        ("gender", ["male", "female"]),
        ("ethnicity", ["white", "black", "asian", "indian"]),
        ("skin_tone", ["bright", "dark"]),
    ];
}
