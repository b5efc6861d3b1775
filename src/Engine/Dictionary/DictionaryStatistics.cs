using System.Text.Json;

namespace HndGate.Engine.Dictionary;

/// <summary>
/// What a dictionary holds, for <c>dictionary info</c>: counts per concept, region, type, family and
/// subgroup, and the images-per-concept histogram sorted by count, most first, as in the paper's Fig. 3.
/// </summary>
/// <param name="Format">"A" (published layout) or "B" (manifest).</param>
/// <param name="LocalImages">Local entries (a photo listed in two CSV files of Format A counts twice).</param>
/// <param name="LocalPhotos">Distinct local image files.</param>
public sealed record DictionaryStatistics(
    string Root,
    string Format,
    int LocalImages,
    int LocalPhotos,
    int Masks,
    int GlobalImages,
    IReadOnlyList<ConceptCount> Concepts,
    IReadOnlyList<GroupCount> Regions,
    IReadOnlyList<GroupCount> Types,
    IReadOnlyList<FamilyCount> Families,
    IReadOnlyList<HistogramBar> Histogram)
{
    /// <summary>The length of the longest histogram bar, in characters.</summary>
    public const int HistogramWidth = 40;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
    };

    public static DictionaryStatistics Compute(FaceDictionary dictionary)
    {
        var concepts = dictionary.Concepts
            .Select(c => new ConceptCount(c.Name, c.Type.ToName(), c.Region, dictionary.Local.Count(e => e.Masks.Any(m => m.Concept == c.Name))))
            .ToList();
        var regions = dictionary.Regions.Select(region => Group(dictionary, region, c => c.Region == region)).ToList();
        var types = Enum.GetValues<ConceptType>()
            .Where(type => dictionary.Concepts.Any(c => c.Type == type))
            .Select(type => Group(dictionary, type.ToName(), c => c.Type == type))
            .ToList();
        var families = dictionary.Global
            .Select(f => new FamilyCount(f.Name, f.EffectiveThreshold, f.ImageCount, f.Subgroups.Select(s => new SubgroupCount(s.Name, s.Images.Count)).ToList()))
            .ToList();

        return new DictionaryStatistics(
            dictionary.Root,
            dictionary.Format == DictionaryFormat.PublishedLayout ? "A" : "B",
            dictionary.Local.Count,
            dictionary.Local.Select(e => e.ImagePath).Distinct(StringComparer.Ordinal).Count(),
            dictionary.Local.Sum(e => e.Masks.Count),
            dictionary.Global.Sum(f => f.ImageCount),
            concepts,
            regions,
            types,
            families,
            Bars(concepts));
    }

    /// <summary>The statistics as indented JSON with snake_case names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static GroupCount Group(FaceDictionary dictionary, string name, Func<Concept, bool> member)
    {
        var names = dictionary.Concepts.Where(member).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new GroupCount(
            name,
            names.Count,
            dictionary.Local.Count(e => e.Masks.Any(m => names.Contains(m.Concept))),
            dictionary.Local.Sum(e => e.Masks.Count(m => names.Contains(m.Concept))));
    }

    // Most images first; equal counts keep the canonical concept order (OrderByDescending is stable).
    // A bar is scaled to the largest count; a concept with any image gets at least one character.
    private static List<HistogramBar> Bars(IReadOnlyList<ConceptCount> concepts)
    {
        var most = concepts.Count == 0 ? 0 : concepts.Max(c => c.Images);
        return concepts
            .OrderByDescending(c => c.Images)
            .Select(c => new HistogramBar(
                c.Name,
                c.Images,
                c.Images == 0 ? 0 : Math.Max(1, (int)Math.Round((double)c.Images * HistogramWidth / most, MidpointRounding.AwayFromZero))))
            .ToList();
    }
}
