using System.Buffers.Binary;
using System.IO.Compression;

namespace HndGate.Engine.Imaging;

/// <summary>
/// Checks that an encoded image file is whole. ImageSharp 2.1 decodes a PNG or JPEG cut short, or a
/// BMP whose pixel rows are missing, without complaint and fills the rest with black: a partial image
/// must be an error, never a probe image.
/// </summary>
internal static class ImageCompleteness
{
    /// <summary>What is missing from the file, or null when it is whole.</summary>
    public static string? Problem(ReadOnlySpan<byte> file, string format) => format switch
    {
        "PNG" => PngProblem(file),
        "JPEG" => JpegProblem(file),
        "BMP" => BmpProblem(file),
        _ => null,
    };

    // PNG: the chunks must run to IEND and the IDAT data must inflate to every scanline of the image.
    private static string? PngProblem(ReadOnlySpan<byte> file)
    {
        const int signature = 8;
        var pos = signature;
        var data = new MemoryStream();
        int width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
        var ended = false;
        while (!ended && pos + 8 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[pos..]);
            var type = System.Text.Encoding.ASCII.GetString(file.Slice(pos + 4, 4));
            if (length > (uint)(file.Length - pos - 12))
            {
                return $"the file ends inside its {type} chunk (truncated)";
            }

            var body = file.Slice(pos + 8, (int)length);
            switch (type)
            {
                case "IHDR" when length >= 13:
                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                    bitDepth = body[8];
                    colorType = body[9];
                    interlace = body[12];
                    break;
                case "IDAT":
                    data.Write(body);
                    break;
                case "IEND":
                    ended = true;
                    break;
            }

            pos += 12 + (int)length;
        }

        if (!ended)
        {
            return "the file ends before its IEND chunk (truncated)";
        }

        var expected = PngScanlineBytes(width, height, bitDepth, colorType, interlace);
        data.Position = 0;
        long inflated = 0;
        try
        {
            using var zlib = new ZLibStream(data, CompressionMode.Decompress);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = zlib.Read(buffer)) > 0 && inflated <= expected)
            {
                inflated += read;
            }
        }
        catch (InvalidDataException)
        {
            return "the compressed image data are corrupt";
        }

        return inflated < expected
            ? $"the image data stop after {inflated} of {expected} bytes (truncated or corrupt)"
            : null;
    }

    // PNG spec §7.2 and §8.2 (Adam7): a filter byte and the packed pixels of every row of every pass.
    private static long PngScanlineBytes(int width, int height, int bitDepth, int colorType, int interlace)
    {
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        long bitsPerPixel = channels * bitDepth;
        long Pass(long w, long h) => w == 0 || h == 0 ? 0 : h * (1 + ((w * bitsPerPixel) + 7) / 8);
        if (interlace == 0)
        {
            return Pass(width, height);
        }

        ReadOnlySpan<(int X, int Y, int Dx, int Dy)> passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        long total = 0;
        foreach (var (x, y, dx, dy) in passes)
        {
            total += Pass(Math.Max(0, (width - x + dx - 1) / dx), Math.Max(0, (height - y + dy - 1) / dy));
        }

        return total;
    }

    // JPEG: the marker segments must run to EOI. Scan data cannot hold a marker other than RSTn
    // (a data byte 0xFF is written as FF 00), so the scan ends at the next other marker.
    private static string? JpegProblem(ReadOnlySpan<byte> file)
    {
        var pos = 2; // after SOI
        while (pos < file.Length)
        {
            if (file[pos] != 0xFF)
            {
                pos++; // stray bytes between segments: decoders skip them too
                continue;
            }

            while (pos < file.Length && file[pos] == 0xFF)
            {
                pos++; // fill bytes
            }

            if (pos >= file.Length)
            {
                break;
            }

            var marker = file[pos++];
            if (marker == 0xD9)
            {
                return null; // EOI
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // no length
            }

            if (pos + 2 > file.Length)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(file[pos..]);
            if (pos + length > file.Length)
            {
                break;
            }

            pos += length;
            if (marker == 0xDA)
            {
                pos = EndOfScan(file, pos);
            }
        }

        return "the file ends before its end-of-image marker (truncated)";
    }

    private static int EndOfScan(ReadOnlySpan<byte> file, int pos)
    {
        for (; pos + 1 < file.Length; pos++)
        {
            if (file[pos] == 0xFF && file[pos + 1] is not 0x00 and not 0xFF and not (>= 0xD0 and <= 0xD7))
            {
                return pos;
            }
        }

        return file.Length;
    }

    // BMP: an uncompressed bitmap needs every pixel row after the pixel-data offset; others their declared file size.
    private static string? BmpProblem(ReadOnlySpan<byte> file)
    {
        const int fileHeader = 14;
        if (file.Length < fileHeader + 4)
        {
            return "the file ends inside its header (truncated)";
        }

        var declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(file[2..]);
        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(file[10..]);
        var infoSize = BinaryPrimitives.ReadUInt32LittleEndian(file[fileHeader..]);
        long width, height, bitCount, compression;
        if (infoSize == 12 && file.Length >= fileHeader + 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(file[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(file[20..]);
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(file[24..]);
            compression = 0;
        }
        else if (infoSize >= 40 && file.Length >= fileHeader + 40)
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(file[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(file[22..]));
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(file[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(file[30..]);
        }
        else
        {
            return "the file ends inside its header (truncated)";
        }

        // BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS store rows padded to 4 bytes.
        var required = compression is 0 or 3 or 6
            ? pixelOffset + (((width * bitCount) + 31) / 32 * 4 * height)
            : declaredSize;
        return file.Length < required
            ? $"the file has {file.Length} bytes but its pixel data need {required} (truncated)"
            : null;
    }
}
