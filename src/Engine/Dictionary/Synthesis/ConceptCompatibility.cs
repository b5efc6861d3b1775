namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// Which standard local concepts a synthetic face may show together, so that its labels stay true to its
/// rendering: implications (Smiling is drawn as a strong AU 12; a slightly open mouth and a jaw drop part the
/// lips, AU 25), exclusions (lip corners cannot go up and down; a beard and No_Beard), and No_Beard derived
/// from the absence of facial hair.
/// </summary>
internal static class ConceptCompatibility
{
    public static IReadOnlySet<string> Beards { get; } = new HashSet<string>(StringComparer.Ordinal) { "Goatee", "Mustache", "5_o_Clock_Shadow" };

    private static readonly Dictionary<string, string[]> Implied = new(StringComparer.Ordinal)
    {
        ["Smiling"] = ["AU_12"],
        ["Mouth_Slightly_Open"] = ["AU_25"],
        ["AU_26"] = ["AU_25"],
    };

    private static readonly (string A, string B)[] Exclusive =
    [
        ("AU_12", "AU_15"), ("AU_20", "AU_12"), ("AU_20", "AU_15"),
        ("AU_17", "AU_25"), ("AU_17", "AU_26"), ("Mouth_Slightly_Open", "AU_26"),
        ("AU_5", "Narrow_Eyes"), ("AU_4", "AU_1"), ("AU_4", "AU_2"),
        ("Big_Nose", "Pointy_Nose"),
        ("No_Beard", "Goatee"), ("No_Beard", "Mustache"), ("No_Beard", "5_o_Clock_Shadow"),
        ("5_o_Clock_Shadow", "Goatee"), ("5_o_Clock_Shadow", "Mustache"),
        ("Wearing_Lipstick", "Goatee"), ("Wearing_Lipstick", "Mustache"), ("Wearing_Lipstick", "5_o_Clock_Shadow"),
    ];

    /// <summary>The concept with everything it implies.</summary>
    public static IEnumerable<string> Closure(string concept) => Implied.TryGetValue(concept, out var more) ? [concept, .. more] : [concept];

    /// <summary>Whether <paramref name="concept"/> (with what it implies) can join <paramref name="chosen"/>.</summary>
    public static bool Fits(string concept, IReadOnlySet<string> chosen) =>
        Closure(concept).All(c => !Exclusive.Any(pair => (pair.A == c && chosen.Contains(pair.B)) || (pair.B == c && chosen.Contains(pair.A))));

    /// <summary>Adds <paramref name="concept"/> and what it implies.</summary>
    public static void Add(string concept, ISet<string> chosen)
    {
        foreach (var c in Closure(concept))
        {
            chosen.Add(c);
        }
    }

    /// <summary>No_Beard is true exactly when no facial hair is drawn.</summary>
    public static void SettleNoBeard(ISet<string> chosen)
    {
        if (chosen.Overlaps(Beards))
        {
            chosen.Remove("No_Beard");
        }
        else
        {
            chosen.Add("No_Beard");
        }
    }
}
