namespace HndGate.Engine.Dictionary;

/// <summary>A global concept family (age, gender, ...) and its subgroups in declared order.</summary>
/// <param name="Threshold">θ_G set by the dictionary, or null for the R6 default.</param>
public sealed record GlobalFamily(string Name, double? Threshold, IReadOnlyList<Subgroup> Subgroups)
{
    /// <summary>R6: θ_G as set, else 0.55 for 2 subgroups, 0.30 for 4, and 1.2/K otherwise.</summary>
    public double EffectiveThreshold => Threshold ?? DefaultThreshold(Subgroups.Count);

    /// <summary>Images of all subgroups, subgroup after subgroup: the family's canonical order.</summary>
    public int ImageCount => Subgroups.Sum(s => s.Images.Count);

    // R6
    public static double DefaultThreshold(int subgroupCount) => subgroupCount switch
    {
        2 => 0.55,
        4 => 0.30,
        _ => 1.2 / subgroupCount,
    };
}
