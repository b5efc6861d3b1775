using HndGate.Engine.Formats;

namespace HndGate.Engine.Dictionary;

/// <summary>
/// Format A, the authors' published layout (face-dictionary.md): Action_Units.csv, Attributes.csv and
/// Parts.csv (or Parts_half.csv) list the local set, non_localizable/&lt;Family&gt;/&lt;subgroup&gt;/ holds
/// the global set. The concepts are the standard 38.
/// </summary>
internal static class PublishedLayoutReader
{
    public const string GlobalFolder = "non_localizable";

    /// <summary>The local CSV files in canonical order; the last has a second spelling in some copies.</summary>
    public static IReadOnlyList<string[]> LocalCsvFiles { get; } = [["Action_Units.csv"], ["Attributes.csv"], ["Parts.csv", "Parts_half.csv"]];

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp" };

    /// <summary>Whether <paramref name="root"/> holds any of the local CSV files.</summary>
    public static bool IsPresent(DictionaryRoot root) =>
        LocalCsvFiles.SelectMany(names => names).Any(name => File.Exists(Path.Join(root.FullPath, name)));

    public static FaceDictionary Read(DictionaryRoot root, ImageProblems problems)
    {
        var local = new LocalSetBuilder(
            root,
            StandardConcepts.Local,
            problems,
            "the published layout has the 38 standard concepts only (a dictionary with others needs a manifest, Format B)");
        foreach (var names in LocalCsvFiles)
        {
            var present = names.Where(name => File.Exists(Path.Join(root.FullPath, name))).ToList();
            if (present.Count > 1)
            {
                throw new HndGateInputException($"both {string.Join(" and ", present)} are present: keep one", present[1]);
            }

            if (present.Count == 1)
            {
                ReadLocalCsv(root, present[0], local);
            }
        }

        return new FaceDictionary(root.FullPath, DictionaryFormat.PublishedLayout, StandardConcepts.Local, local.Entries, ReadGlobal(root));
    }

    // A row: image,labels with labels the ';'-separated mask paths; a mask's file name is its concept.
    private static void ReadLocalCsv(DictionaryRoot root, string name, LocalSetBuilder local)
    {
        var table = CsvTable.Read(root.Resolve(name, new InputLocation(name)), name, ["image", "labels"]);
        foreach (var row in table.Rows)
        {
            var at = new InputLocation(name, row.Line);
            var image = row[0].Trim();
            var masks = row[1]
                .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(mask => new ListedMask(Path.GetFileNameWithoutExtension(mask), mask, at, at))
                .Where(mask => !IsExtraFile(mask.Concept))
                .ToList();
            local.Add(image, at, masks);
        }
    }

    // The layout's extra files (landmark plots, overlap masks) are no concepts: ignored even where a row lists them.
    private static bool IsExtraFile(string name) =>
        name.Equals("lm", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_overlap", StringComparison.OrdinalIgnoreCase);

    // Family and subgroup folders are matched to the standard names case-insensitively; a family folder
    // that is absent is absent, but a present family needs every subgroup folder, each with images.
    private static IReadOnlyList<GlobalFamily> ReadGlobal(DictionaryRoot root)
    {
        var globalFolder = Path.Join(root.FullPath, GlobalFolder);
        if (!Directory.Exists(globalFolder))
        {
            return [];
        }

        var folders = MatchFolders(
            root,
            GlobalFolder,
            StandardConcepts.GlobalFamilies.Select(f => f.Family).ToList(),
            "family");
        var families = new List<GlobalFamily>();
        foreach (var (family, subgroupNames) in StandardConcepts.GlobalFamilies)
        {
            if (!folders.TryGetValue(family, out var familyFolder))
            {
                continue;
            }

            var familyPath = $"{GlobalFolder}/{familyFolder}";
            var subfolders = MatchFolders(root, familyPath, subgroupNames, "subgroup");
            var subgroups = new List<Subgroup>();
            foreach (var subgroup in subgroupNames)
            {
                if (!subfolders.TryGetValue(subgroup, out var subfolder))
                {
                    throw new HndGateInputException($"the family has no folder for its subgroup '{subgroup}'", familyPath);
                }

                subgroups.Add(new Subgroup(subgroup, SubgroupImages(root, $"{familyPath}/{subfolder}")));
            }

            families.Add(new GlobalFamily(family, null, subgroups));
        }

        return families;
    }

    // standard name -> folder name as found on disk.
    private static Dictionary<string, string> MatchFolders(DictionaryRoot root, string parent, IReadOnlyList<string> standard, string kind)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var folders = Directory.EnumerateDirectories(Path.Join(root.FullPath, parent))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.'))
            .Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var name = standard.FirstOrDefault(s => string.Equals(s, folder, StringComparison.OrdinalIgnoreCase))
                ?? throw new HndGateInputException(
                    $"'{folder}' is not a standard {kind} ({string.Join(", ", standard)}); a dictionary with others needs a manifest (Format B)",
                    $"{parent}/{folder}");
            if (!found.TryAdd(name, folder))
            {
                throw new HndGateInputException($"the folders '{found[name]}' and '{folder}' are both the {kind} '{name}': keep one", $"{parent}/{folder}");
            }
        }

        return found;
    }

    // The PNG, JPEG and BMP files of a subgroup folder, sorted by ordinal comparison of their relative paths.
    private static IReadOnlyList<string> SubgroupImages(DictionaryRoot root, string folder)
    {
        var at = new InputLocation(folder);
        var images = Directory.EnumerateFiles(root.Resolve(folder, at))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && ImageExtensions.Contains(Path.GetExtension(name)))
            .Select(name => $"{folder}/{name}")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (images.Count == 0)
        {
            throw at.Error("empty subgroup: the folder holds no PNG, JPEG or BMP image");
        }

        foreach (var image in images)
        {
            root.Resolve(image, at);
        }

        return images;
    }
}
