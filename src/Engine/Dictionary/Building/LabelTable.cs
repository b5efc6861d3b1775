using HndGate.Engine.Formats;

namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// The labels CSV of <c>dictionary build</c>, in one of two forms:
/// (a) header <c>image,labels</c>, labels = <c>;</c>-separated concept names of the concept map;
/// (b) a CelebA attribute table in CSV form, header <c>image_id,5_o_Clock_Shadow,…</c> with 1 (present) and
/// −1 or 0 (absent); columns that are CelebA attributes but not concepts of the map are ignored.
/// Its rows are the local set of the build, in file order.
/// </summary>
public sealed class LabelTable
{
    private LabelTable(string file, IReadOnlyList<LabelRow> rows)
    {
        File = file;
        Rows = rows;
    }

    /// <summary>The file as the user named it, for messages.</summary>
    public string File { get; }

    public IReadOnlyList<LabelRow> Rows { get; }

    public static LabelTable Read(string path, ConceptMap map) => From(CsvTable.Read(path), map);

    public static LabelTable Parse(string text, string file, ConceptMap map) => From(CsvTable.Parse(text, file), map);

    private static LabelTable From(CsvTable csv, ConceptMap map)
    {
        var rows = csv.Header.Count > 0 && csv.Header[0] == CelebaAttributes.ImageColumn ? FromCeleba(csv, map) : FromLabelList(csv, map);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Image.Length == 0)
            {
                throw new HndGateInputException("the image column is empty", csv.File, row.Line);
            }

            if (!seen.TryAdd(row.Image, row.Line))
            {
                throw new HndGateInputException($"the image '{row.Image}' is labelled on line {seen[row.Image]} already", csv.File, row.Line);
            }
        }

        return new LabelTable(csv.File, rows);
    }

    private static List<LabelRow> FromLabelList(CsvTable csv, ConceptMap map)
    {
        if (!csv.Header.SequenceEqual(["image", "labels"], StringComparer.Ordinal))
        {
            throw new HndGateInputException(
                $"wrong CSV header '{string.Join(',', csv.Header)}': expected 'image,labels' or a CelebA attribute table 'image_id,5_o_Clock_Shadow,...'",
                csv.File,
                1);
        }

        var rows = new List<LabelRow>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            var concepts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var label in row[1].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (map.Find(label) is null)
                {
                    throw new HndGateInputException(
                        $"unknown concept '{label}': the concept map {map.Label} has no such concept (names are case-sensitive)",
                        csv.File,
                        row.Line);
                }

                concepts.Add(label);
            }

            rows.Add(new LabelRow(row.Line, row[0].Trim(), concepts));
        }

        return rows;
    }

    private static List<LabelRow> FromCeleba(CsvTable csv, ConceptMap map)
    {
        var used = new List<(int Column, string Concept)>();
        for (var c = 1; c < csv.Header.Count; c++)
        {
            var name = csv.Header[c];
            if (map.Find(name) is not null)
            {
                used.Add((c, name));
            }
            else if (!CelebaAttributes.Names.Contains(name))
            {
                throw new HndGateInputException(
                    $"unknown column '{name}' in the CelebA attribute table: it is neither a concept of {map.Label} nor a CelebA attribute",
                    csv.File,
                    1);
            }
        }

        var rows = new List<LabelRow>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            var concepts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (column, concept) in used)
            {
                switch (row[column].Trim())
                {
                    case "1":
                        concepts.Add(concept);
                        break;
                    case "-1":
                    case "0":
                        break;
                    default:
                        throw new HndGateInputException(
                            $"'{row[column]}' in column {concept} is not 1 (present) or -1 (absent)",
                            csv.File,
                            row.Line);
                }
            }

            rows.Add(new LabelRow(row.Line, row[0].Trim(), concepts));
        }

        return rows;
    }
}

/// <summary>One labelled image: its path relative to the images folder and the concepts it carries.</summary>
public sealed record LabelRow(int Line, string Image, IReadOnlySet<string> Concepts);
