using System.Text.RegularExpressions;
using HndGate.Engine.Formats;

namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// The optional global-set CSV of <c>dictionary build</c>: header <c>image,family,subgroup</c>. Families and
/// their subgroups keep the order in which they first appear; each family needs at least two subgroups.
/// </summary>
public sealed partial class GlobalLabelTable
{
    private GlobalLabelTable(string file, IReadOnlyList<GlobalLabelFamily> families)
    {
        File = file;
        Families = families;
    }

    public string File { get; }

    public IReadOnlyList<GlobalLabelFamily> Families { get; }

    public static GlobalLabelTable Read(string path) => From(CsvTable.Read(path));

    public static GlobalLabelTable Parse(string text, string file) => From(CsvTable.Parse(text, file));

    private static GlobalLabelTable From(CsvTable csv)
    {
        csv.RequireHeader("image", "family", "subgroup");
        var families = new List<(string Name, int Line, List<(string Name, List<(int Line, string Image)> Images)> Subgroups)>();
        foreach (var row in csv.Rows)
        {
            var image = row[0].Trim();
            var family = row[1].Trim();
            var subgroup = row[2].Trim();
            if (image.Length == 0)
            {
                throw new HndGateInputException("the image column is empty", csv.File, row.Line);
            }

            foreach (var name in new[] { family, subgroup })
            {
                if (!NamePattern().IsMatch(name))
                {
                    throw new HndGateInputException($"'{name}' is not a valid family or subgroup name (letters, digits, '_', '.', '-')", csv.File, row.Line);
                }
            }

            var f = families.FindIndex(x => x.Name == family);
            if (f < 0)
            {
                families.Add((family, row.Line, []));
                f = families.Count - 1;
            }

            var subgroups = families[f].Subgroups;
            if (subgroups.SelectMany(s => s.Images).FirstOrDefault(i => i.Image == image) is { Image: not null } earlier)
            {
                throw new HndGateInputException($"the image '{image}' is in family '{family}' on line {earlier.Line} already", csv.File, row.Line);
            }

            var s = subgroups.FindIndex(x => x.Name == subgroup);
            if (s < 0)
            {
                subgroups.Add((subgroup, []));
                s = subgroups.Count - 1;
            }

            subgroups[s].Images.Add((row.Line, image));
        }

        foreach (var family in families.Where(f => f.Subgroups.Count < 2))
        {
            throw new HndGateInputException($"the family '{family.Name}' has only one subgroup: a global family needs at least two", csv.File, family.Line);
        }

        return new GlobalLabelTable(
            csv.File,
            families.Select(f => new GlobalLabelFamily(
                f.Name,
                f.Subgroups.Select(s => new GlobalLabelSubgroup(s.Name, s.Images.Select(i => new GlobalLabelImage(i.Line, i.Image)).ToList())).ToList())).ToList());
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex NamePattern();
}

/// <summary>A family of the global CSV with its subgroups in order of first appearance.</summary>
public sealed record GlobalLabelFamily(string Name, IReadOnlyList<GlobalLabelSubgroup> Subgroups);

/// <summary>A subgroup of the global CSV with its images in file order.</summary>
public sealed record GlobalLabelSubgroup(string Name, IReadOnlyList<GlobalLabelImage> Images);

/// <summary>An image of the global CSV and its 1-based line.</summary>
public sealed record GlobalLabelImage(int Line, string Image);
