using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HndGate.Engine.Formats;

/// <summary>
/// The header of a NumPy .npy file (format versions 1.0–3.0): element type, shape, and where the data
/// start. Only C-order little-endian float32/float16 arrays are accepted, since those are what activation
/// files hold; anything else is refused with a message that says how to convert it.
/// </summary>
public sealed partial record NpyHeader(NpyDataType DataType, IReadOnlyList<long> Shape, long DataOffset)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public int ElementSize => DataType switch
    {
        NpyDataType.Float16 => 2,
        NpyDataType.Float32 => 4,
        _ => 8,
    };

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Elements per index of the first axis (e.g. U·h·w for an N×U×h×w array).</summary>
    public long RowElements => Shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    public static NpyHeader Read(Stream stream, string file)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new HndGateInputException("not a NumPy .npy file (the magic string \\x93NUMPY is missing)", file);
        }

        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            ReadExactly(stream, len, file);
            headerLength = len[0] | (len[1] << 8);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            ReadExactly(stream, len, file);
            headerLength = BitConverter.ToInt32(len);
        }
        else
        {
            throw new HndGateInputException($"unsupported .npy format version {major}: save it with numpy.save (version 1, 2 or 3)", file);
        }

        if (headerLength is <= 0 or > 1 << 20)
        {
            throw new HndGateInputException("the .npy header length is not plausible: the file is corrupt", file);
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, file);
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        return Parse(text, stream.Position, file);
    }

    private static NpyHeader Parse(string text, long dataOffset, string file)
    {
        var descr = DescrPattern().Match(text);
        var order = FortranPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            throw new HndGateInputException($"the .npy header '{text.Trim()}' lacks descr, fortran_order or shape", file);
        }

        var type = descr.Groups[1].Value switch
        {
            "<f4" => NpyDataType.Float32,
            "<f2" => NpyDataType.Float16,
            "<i8" => NpyDataType.Int64,
            var other => throw new HndGateInputException(
                $"the array's element type is '{other}': hnd-gate reads float32 ('<f4') or float16 ('<f2'); convert with arr.astype('float32')", file),
        };

        if (order.Groups[1].Value == "True")
        {
            throw new HndGateInputException("the array is in Fortran order: save a C-order array (numpy.ascontiguousarray)", file);
        }

        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToList();
        return new NpyHeader(type, dims, dataOffset);
    }

    /// <summary>The header bytes (version 1.0, padded so the data start on a 64-byte boundary).</summary>
    public static byte[] Format(NpyDataType type, IReadOnlyList<long> shape)
    {
        var descr = type switch
        {
            NpyDataType.Float32 => "<f4",
            NpyDataType.Float16 => "<f2",
            _ => "<i8",
        };
        var dims = shape.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{shape[0]},")
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        var unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        var padding = (64 - (unpadded % 64)) % 64;
        var header = dict + new string(' ', padding) + "\n";
        var bytes = new byte[Magic.Length + 2 + 2 + header.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        bytes[8] = (byte)(header.Length & 0xff);
        bytes[9] = (byte)(header.Length >> 8);
        Encoding.Latin1.GetBytes(header, bytes.AsSpan(10));
        return bytes;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string file)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new HndGateInputException("the .npy file ends inside its header: it is truncated", file);
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
