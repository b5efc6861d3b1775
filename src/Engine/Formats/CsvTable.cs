using System.Text;

namespace HndGate.Engine.Formats;

/// <summary>
/// A CSV file read whole: a header and rows, each row remembering its 1-based line in the file so that
/// errors can name it. Comma-separated, double-quote quoting (RFC 4180), UTF-8 with or without BOM,
/// LF or CRLF. Blank lines are skipped.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(string file, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
    }

    /// <summary>The file as the user named it, for messages.</summary>
    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>
    /// Reads <paramref name="path"/>; <paramref name="displayName"/> is how messages name it. With
    /// <paramref name="requiredHeader"/>, a wrong header is reported (line 1) before any row.
    /// </summary>
    public static CsvTable Read(string path, string? displayName = null, IReadOnlyList<string>? requiredHeader = null)
    {
        var name = displayName ?? path;
        if (!System.IO.File.Exists(path))
        {
            throw new HndGateInputException("the CSV file does not exist", name);
        }

        string text;
        try
        {
            text = System.IO.File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException e)
        {
            throw new HndGateInputException("the CSV file is not valid UTF-8", name, inner: e);
        }

        return Parse(text, name, requiredHeader);
    }

    /// <summary>Parses CSV text; <paramref name="file"/> names it in messages. See <see cref="Read"/> for <paramref name="requiredHeader"/>.</summary>
    public static CsvTable Parse(string text, string file, IReadOnlyList<string>? requiredHeader = null)
    {
        var records = new List<(int Line, List<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRecord()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                records.Add((recordLine, fields));
            }

            fields = [];
        }

        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when !fieldStarted && field.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    fieldStarted = true;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new HndGateInputException("a quoted field is not closed before the end of the file", file, recordLine);
        }

        EndRecord();

        if (records.Count == 0)
        {
            throw new HndGateInputException("the CSV file is empty: it needs a header line", file, 1);
        }

        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        if (requiredHeader is not null)
        {
            RequireHeader(header, requiredHeader, file);
        }

        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var (recLine, recFields) in records.Skip(1))
        {
            if (recFields.Count != header.Count)
            {
                throw new HndGateInputException(
                    $"the row has {recFields.Count} fields but the header has {header.Count} ({string.Join(',', header)})",
                    file,
                    recLine);
            }

            rows.Add(new CsvRow(recLine, recFields));
        }

        return new CsvTable(file, header, rows);
    }

    /// <summary>Throws, naming the file and line 1, unless the header is exactly <paramref name="expected"/>.</summary>
    public void RequireHeader(params string[] expected) => RequireHeader(Header, expected, File);

    private static void RequireHeader(IReadOnlyList<string> header, IReadOnlyList<string> expected, string file)
    {
        if (!header.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new HndGateInputException(
                $"wrong CSV header '{string.Join(',', header)}': expected '{string.Join(',', expected)}'",
                file,
                1);
        }
    }

    /// <summary>The index of a header column, or -1.</summary>
    public int ColumnIndex(string name) => Header.ToList().IndexOf(name);
}

/// <summary>One data row of a <see cref="CsvTable"/> with the 1-based line where it starts.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields)
{
    public string this[int column] => Fields[column];
}
