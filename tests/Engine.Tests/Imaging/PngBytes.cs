using System.Buffers.Binary;
using System.Text;

namespace HndGate.Engine.Tests.Imaging;

/// <summary>Hand-made PNG files: chunks with correct CRCs, so that only the content under test is wrong.</summary>
public static class PngBytes
{
    public static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>A PNG whose IHDR claims <paramref name="width"/>×<paramref name="height"/> RGB pixels, with a tiny IDAT.</summary>
    public static byte[] WithHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        byte[] idat = [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]; // zlib of nothing
        return [.. Signature, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typeAndData));
        return chunk;
    }

    /// <summary>(offset, type, data length) of each chunk of a PNG file.</summary>
    public static IReadOnlyList<(int Offset, string Type, int Length)> Chunks(byte[] png)
    {
        var chunks = new List<(int, string, int)>();
        for (var pos = Signature.Length; pos + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            chunks.Add((pos, Encoding.ASCII.GetString(png, pos + 4, 4), length));
            pos += 12 + length;
        }

        return chunks;
    }

    // CRC-32 of ISO 3309 / PNG spec annex D, bit by bit.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
