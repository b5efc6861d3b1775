namespace HndGate.Engine.Dictionary;

/// <summary>
/// Builds the local set from listed entries in canonical (listing) order, with the checks both formats
/// share: every path stays inside the root, each concept is declared, no image lists the same concept
/// twice (a duplicate entry), and the files exist.
/// </summary>
internal sealed class LocalSetBuilder(DictionaryRoot root, IReadOnlyList<Concept> concepts, ImageProblems problems, string unknownConceptAdvice)
{
    private readonly List<LocalImage> entries = [];
    private readonly Dictionary<(string Image, string Concept), InputLocation> listed = [];
    private readonly HashSet<string> known = concepts.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<LocalImage> Entries => entries;

    public void Add(string image, InputLocation imageAt, IReadOnlyList<ListedMask> masks)
    {
        var imageFile = root.Resolve(image, imageAt);
        var maskFiles = masks.Select(m => root.Resolve(m.MaskPath, m.MaskAt)).ToList();
        var dropped = $"image {image}";

        if (masks.Count == 0)
        {
            problems.Report(imageAt, $"the image '{image}' has no masks", dropped);
            return;
        }

        if (masks.FirstOrDefault(m => !known.Contains(m.Concept)) is { } unknown)
        {
            problems.Report(unknown.ConceptAt, $"the mask '{unknown.MaskPath}' is of an unknown concept '{unknown.Concept}': {unknownConceptAdvice}", dropped);
            return;
        }

        var inEntry = new Dictionary<string, InputLocation>(StringComparer.Ordinal);
        foreach (var mask in masks)
        {
            if (inEntry.TryGetValue(mask.Concept, out var first) || listed.TryGetValue((image, mask.Concept), out first))
            {
                throw mask.ConceptAt.Error(
                    $"duplicate entry: the image '{image}' already has a mask of concept '{mask.Concept}' ({first}); keep one");
            }

            inEntry[mask.Concept] = mask.ConceptAt;
        }

        if (!File.Exists(imageFile))
        {
            problems.Report(imageAt, $"the image '{image}' does not exist", dropped);
            return;
        }

        for (var i = 0; i < masks.Count; i++)
        {
            if (!File.Exists(maskFiles[i]))
            {
                problems.Report(masks[i].MaskAt, $"the mask '{masks[i].MaskPath}' does not exist", dropped);
                return;
            }
        }

        foreach (var (concept, at) in inEntry)
        {
            listed[(image, concept)] = at;
        }

        entries.Add(new LocalImage(image, masks.Select(m => new ConceptMask(m.Concept, m.MaskPath)).ToList()));
    }
}
