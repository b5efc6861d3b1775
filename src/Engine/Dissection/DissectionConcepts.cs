using HndGate.Engine.Dictionary;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The structure of a Face Dictionary the stages need, free of file paths: the local concepts in dictionary
/// order, which concepts each local image carries (C_n, canonical image order) and the global families.
/// </summary>
public sealed record DissectionConcepts
{
    /// <param name="concepts">Local concepts in dictionary order; the index of a concept is its position here.</param>
    /// <param name="localImageConcepts">For each local image, the indices of the concepts it carries, ascending.</param>
    /// <param name="families">Global families in dictionary order.</param>
    public DissectionConcepts(IReadOnlyList<Concept> concepts, IReadOnlyList<IReadOnlyList<int>> localImageConcepts, IReadOnlyList<GlobalFamilyLayout> families)
    {
        if (concepts.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != concepts.Count)
        {
            throw new ArgumentException("concept names must be unique", nameof(concepts));
        }

        for (var n = 0; n < localImageConcepts.Count; n++)
        {
            var carried = localImageConcepts[n];
            for (var i = 0; i < carried.Count; i++)
            {
                if (carried[i] < 0 || carried[i] >= concepts.Count || (i > 0 && carried[i] <= carried[i - 1]))
                {
                    throw new ArgumentException($"local image {n}: concept indices must be distinct, ascending and below {concepts.Count}", nameof(localImageConcepts));
                }
            }
        }

        foreach (var family in families)
        {
            if (family.Subgroups.Count != family.SubgroupImages.Count || family.SubgroupImages.Any(count => count < 0))
            {
                throw new ArgumentException($"family '{family.Name}': one non-negative image count per subgroup is needed", nameof(families));
            }
        }

        Concepts = concepts;
        LocalImageConcepts = localImageConcepts;
        Families = families;
        Regions = concepts.Select(c => c.Region).Distinct(StringComparer.Ordinal).ToList();
        var images = new int[concepts.Count];
        foreach (var carried in localImageConcepts)
        {
            foreach (var c in carried)
            {
                images[c]++;
            }
        }

        ImagesPerConcept = images;
    }

    public IReadOnlyList<Concept> Concepts { get; }

    public IReadOnlyList<IReadOnlyList<int>> LocalImageConcepts { get; }

    public IReadOnlyList<GlobalFamilyLayout> Families { get; }

    /// <summary>Regions in order of first appearance among the concepts.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>For each concept, the number of local images that carry it.</summary>
    public IReadOnlyList<int> ImagesPerConcept { get; }

    public int LocalImages => LocalImageConcepts.Count;

    /// <summary>The rows of the global stream: every family's images, family after family.</summary>
    public int GlobalImages => Families.Sum(f => f.Images);

    /// <summary>
    /// The structure of <paramref name="dictionary"/>. <paramref name="familyThresholds"/> sets θ_G for
    /// families by name (a policy's choice), over the dictionary's own θ and the R6 default.
    /// </summary>
    public static DissectionConcepts FromDictionary(FaceDictionary dictionary, IReadOnlyDictionary<string, double>? familyThresholds = null)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < dictionary.Concepts.Count; c++)
        {
            index[dictionary.Concepts[c].Name] = c;
        }

        var local = new List<IReadOnlyList<int>>(dictionary.Local.Count);
        foreach (var image in dictionary.Local)
        {
            var carried = new SortedSet<int>();
            foreach (var mask in image.Masks)
            {
                if (!index.TryGetValue(mask.Concept, out var c))
                {
                    throw new HndGateInputException($"the mask names concept '{mask.Concept}', which the dictionary does not define; add it to the concepts or remove the mask", mask.MaskPath);
                }

                if (!carried.Add(c))
                {
                    throw new HndGateInputException($"image {image.ImagePath} carries concept '{mask.Concept}' twice; keep one mask per concept", mask.MaskPath);
                }
            }

            local.Add(carried.ToList());
        }

        var overrides = familyThresholds ?? new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, theta) in overrides)
        {
            if (!dictionary.Global.Any(f => f.Name == name))
            {
                throw new HndGateInputException($"θ is set for the global family '{name}', which the dictionary does not have; families: {string.Join(", ", dictionary.Global.Select(f => f.Name))}");
            }

            if (!(theta >= 0 && theta <= 1))
            {
                throw new HndGateInputException($"θ for the global family '{name}' is {theta}; it must be between 0 and 1");
            }
        }

        var families = dictionary.Global
            .Select(f => new GlobalFamilyLayout(
                f.Name,
                overrides.TryGetValue(f.Name, out var theta) ? theta : f.EffectiveThreshold,
                f.Subgroups.Select(s => s.Name).ToList(),
                f.Subgroups.Select(s => s.Images.Count).ToList()))
            .ToList();
        return new DissectionConcepts(dictionary.Concepts, local, families);
    }
}
