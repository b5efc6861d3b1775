namespace HndGate.Engine.Dissection.Bootstrap;

/// <summary>
/// What a bootstrap replicate draws within (docs/bootstrap.md). Global images: each subgroup of each family,
/// a contiguous range of rows of the global stream (<see cref="GlobalFamilyLayout"/>). Local images: strata,
/// each image in the stratum of the rarest concept it carries (fewest images; ties to the concept listed first),
/// so that every concept keeps about its count of images; images carrying nothing form a stratum of their own.
/// </summary>
public sealed record BootstrapStrata
{
    private BootstrapStrata(int localImages, IReadOnlyList<IReadOnlyList<int>> local, IReadOnlyList<(int First, int Count)> subgroups)
    {
        LocalImages = localImages;
        Local = local;
        Subgroups = subgroups;
    }

    /// <summary>N, the local images.</summary>
    public int LocalImages { get; }

    /// <summary>
    /// The local strata, non-empty, each its images in canonical order: by concept in dictionary order, then the
    /// images that carry nothing.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Local { get; }

    /// <summary>Every subgroup of every family as rows of the global stream, in stream order.</summary>
    public IReadOnlyList<(int First, int Count)> Subgroups { get; }

    /// <summary>The rows of the global stream.</summary>
    public int GlobalImages => Subgroups.Sum(s => s.Count);

    public static BootstrapStrata Of(DissectionConcepts concepts)
    {
        var byConcept = Enumerable.Range(0, concepts.Concepts.Count).Select(_ => new List<int>()).ToArray();
        var bare = new List<int>();
        for (var n = 0; n < concepts.LocalImages; n++)
        {
            var carried = concepts.LocalImageConcepts[n];
            if (carried.Count == 0)
            {
                bare.Add(n);
                continue;
            }

            // The rarest concept keeps its count best when its images are drawn among themselves.
            var rarest = carried[0];
            foreach (var c in carried)
            {
                if (concepts.ImagesPerConcept[c] < concepts.ImagesPerConcept[rarest])
                {
                    rarest = c;
                }
            }

            byConcept[rarest].Add(n);
        }

        var local = byConcept.Append(bare).Where(s => s.Count > 0).Select(s => (IReadOnlyList<int>)s).ToList();
        var subgroups = new List<(int, int)>();
        var row = 0;
        foreach (var size in concepts.Families.SelectMany(f => f.SubgroupImages))
        {
            subgroups.Add((row, size));
            row += size;
        }

        return new BootstrapStrata(concepts.LocalImages, local, subgroups);
    }
}
