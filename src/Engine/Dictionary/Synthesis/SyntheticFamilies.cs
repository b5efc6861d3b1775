namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// The global families <c>dictionary synth</c> renders: the standard ones it can depict honestly (age, gender,
/// skin_tone; not ethnicity, see docs/synthetic-dictionary.md) and color_scheme (color / grayscale).
/// </summary>
public static class SyntheticFamilies
{
    public static IReadOnlyList<(string Family, IReadOnlyList<string> Subgroups)> All { get; } =
    [
        .. StandardConcepts.GlobalFamilies.Where(f => f.Family != "ethnicity"),
        ("color_scheme", ["color", "grayscale"]),
    ];

    /// <summary>Subgroups over all families: the global set is split evenly over these.</summary>
    public static int SubgroupCount => All.Sum(f => f.Subgroups.Count);

    /// <summary>
    /// The global set of <paramref name="total"/> images as (family, subgroup, number within the subgroup), in
    /// canonical order; each subgroup gets total / <see cref="SubgroupCount"/>, the first ones one more.
    /// </summary>
    public static IReadOnlyList<(string Family, string Subgroup, int Number)> Split(int total)
    {
        var slots = All.SelectMany(f => f.Subgroups.Select(s => (f.Family, Subgroup: s))).ToList();
        var result = new List<(string, string, int)>(total);
        for (var k = 0; k < slots.Count; k++)
        {
            var count = (total / slots.Count) + (k < total % slots.Count ? 1 : 0);
            for (var n = 0; n < count; n++)
            {
                result.Add((slots[k].Family, slots[k].Subgroup, n));
            }
        }

        return result;
    }
}
