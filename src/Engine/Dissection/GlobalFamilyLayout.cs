namespace HndGate.Engine.Dissection;

/// <summary>
/// A global family as the stages see it: θ_G and its subgroups' image counts. The global activations are
/// streamed family after family (dictionary order), subgroup after subgroup, images in canonical order,
/// so a family and each subgroup is a contiguous range of rows.
/// </summary>
/// <param name="Threshold">θ_G of R6 (the dictionary's, a policy's, or the default).</param>
public sealed record GlobalFamilyLayout(string Name, double Threshold, IReadOnlyList<string> Subgroups, IReadOnlyList<int> SubgroupImages)
{
    /// <summary>N_G, the number of images of the family.</summary>
    public int Images => SubgroupImages.Sum();
}
