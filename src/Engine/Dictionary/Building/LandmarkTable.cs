using System.Globalization;
using HndGate.Engine.Formats;

namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// The landmarks CSV of <c>dictionary build</c>: header <c>image,x0,y0,x1,y1,…,x67,y67</c>, one row per image,
/// 68 iBUG 300-W points in pixels (<see cref="Landmark"/> convention), image paths relative to the images folder.
/// </summary>
public sealed class LandmarkTable
{
    private readonly Dictionary<string, LandmarkRow> rows;

    private LandmarkTable(string file, Dictionary<string, LandmarkRow> rows)
    {
        File = file;
        this.rows = rows;
    }

    /// <summary>The file as the user named it, for messages.</summary>
    public string File { get; }

    /// <summary>The expected header: image, then x and y of each of the 68 points.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["image", .. Enumerable.Range(0, ConceptMap.LandmarkCount).SelectMany(i => new[] { $"x{i}", $"y{i}" })];

    public static LandmarkTable Read(string path) => From(CsvTable.Read(path));

    public static LandmarkTable Parse(string text, string file) => From(CsvTable.Parse(text, file));

    /// <summary>The landmarks of <paramref name="image"/> and the line they came from, or false.</summary>
    public bool TryGet(string image, out LandmarkRow row) => rows.TryGetValue(image, out row!);

    private static LandmarkTable From(CsvTable csv)
    {
        csv.RequireHeader([.. Header]);
        var rows = new Dictionary<string, LandmarkRow>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var image = row[0].Trim();
            if (image.Length == 0)
            {
                throw new HndGateInputException("the image column is empty", csv.File, row.Line);
            }

            var points = new Landmark[ConceptMap.LandmarkCount];
            for (var i = 0; i < points.Length; i++)
            {
                points[i] = new Landmark(Coordinate(csv, row, 1 + (2 * i)), Coordinate(csv, row, 2 + (2 * i)));
            }

            if (!rows.TryAdd(image, new LandmarkRow(row.Line, points)))
            {
                throw new HndGateInputException($"the image '{image}' has landmarks on line {rows[image].Line} already", csv.File, row.Line);
            }
        }

        return new LandmarkTable(csv.File, rows);
    }

    private static double Coordinate(CsvTable csv, CsvRow row, int column)
    {
        var text = row[column].Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new HndGateInputException($"'{text}' in column {csv.Header[column]} is not a number (write pixels with a '.' decimal point)", csv.File, row.Line);
        }

        return value;
    }
}

/// <summary>The 68 landmarks of one image and the 1-based CSV line they were read from.</summary>
public sealed record LandmarkRow(int Line, IReadOnlyList<Landmark> Points);
