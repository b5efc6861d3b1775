namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// The 40 attribute columns of CelebA's attribute table (list_attr_celeba). Columns that are not concepts of
/// the concept map (Male, Young, Bald, ...) are read and ignored; any other column is an error.
/// </summary>
public static class CelebaAttributes
{
    /// <summary>The first column of the table.</summary>
    public const string ImageColumn = "image_id";

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "5_o_Clock_Shadow", "Arched_Eyebrows", "Attractive", "Bags_Under_Eyes", "Bald", "Bangs", "Big_Lips",
        "Big_Nose", "Black_Hair", "Blond_Hair", "Blurry", "Brown_Hair", "Bushy_Eyebrows", "Chubby", "Double_Chin",
        "Eyeglasses", "Goatee", "Gray_Hair", "Heavy_Makeup", "High_Cheekbones", "Male", "Mouth_Slightly_Open",
        "Mustache", "Narrow_Eyes", "No_Beard", "Oval_Face", "Pale_Skin", "Pointy_Nose", "Receding_Hairline",
        "Rosy_Cheeks", "Sideburns", "Smiling", "Straight_Hair", "Wavy_Hair", "Wearing_Earrings", "Wearing_Hat",
        "Wearing_Lipstick", "Wearing_Necklace", "Wearing_Necktie", "Young",
    };
}
