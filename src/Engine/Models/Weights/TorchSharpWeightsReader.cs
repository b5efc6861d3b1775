using System.Text;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>
/// Reads TorchSharp's <c>Module.save</c> format (.dat): a LEB128 entry count, then per entry a LEB128
/// length-prefixed UTF-8 name, the element type (TorchSharp's ScalarType number), the rank and the
/// dimensions (all LEB128), and the raw little-endian data. Read here, not with <c>Module.load</c>, so
/// that names and shapes are checked before anything is loaded.
/// </summary>
internal static class TorchSharpWeightsReader
{
    private const int MaxEntries = 1_000_000;

    public static IReadOnlyList<KeyValuePair<string, Tensor>> Read(string path)
    {
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var result = new List<KeyValuePair<string, Tensor>>();
        try
        {
            var count = Leb128(reader, path);
            if (count > MaxEntries)
            {
                throw NotTorchSharp(path, $"it would hold {count} entries");
            }

            for (var i = 0UL; i < count; i++)
            {
                var nameLength = Leb128(reader, path);
                var remaining = stream.Length - stream.Position;
                if (nameLength > (ulong)Math.Min(remaining, 4096))
                {
                    throw NotTorchSharp(path, $"entry {i} has a name of {nameLength} bytes");
                }

                var name = Encoding.UTF8.GetString(reader.ReadBytes((int)nameLength));
                var code = Leb128(reader, path);
                var type = (ScalarType)(int)Math.Min(code, int.MaxValue);
                if (code > 64 || !IsWeightType(type))
                {
                    throw NotTorchSharp(path, $"'{name}' has element type {code}");
                }

                var rank = Leb128(reader, path);
                if (rank > 16)
                {
                    throw NotTorchSharp(path, $"'{name}' has rank {rank}");
                }

                var shape = new long[rank];
                var bytes = (long)ElementTypes.Size(type);
                for (var d = 0; d < shape.Length; d++)
                {
                    shape[d] = (long)Math.Min(Leb128(reader, path), long.MaxValue);
                    bytes = shape[d] == 0 || bytes <= (stream.Length / shape[d]) ? bytes * shape[d] : long.MaxValue;
                }

                if (bytes > stream.Length - stream.Position || bytes > int.MaxValue)
                {
                    throw NotTorchSharp(path, $"'{name}' of shape [{string.Join(", ", shape)}] needs {bytes} bytes but the file has {stream.Length - stream.Position} left; it may be truncated");
                }

                using var flat = ElementTypes.FromBytes(reader.ReadBytes((int)bytes), type);
                result.Add(KeyValuePair.Create(name, flat.reshape(shape)));
            }

            if (stream.Position != stream.Length)
            {
                throw NotTorchSharp(path, $"{stream.Length - stream.Position} bytes follow the last entry");
            }

            return result;
        }
        catch
        {
            foreach (var (_, t) in result)
            {
                t.Dispose();
            }

            throw;
        }
    }

    private static bool IsWeightType(ScalarType type) => type is ScalarType.Float64 or ScalarType.Float32 or ScalarType.Float16
        or ScalarType.BFloat16 or ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool;

    private static ulong Leb128(BinaryReader reader, string path)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            byte b;
            try
            {
                b = reader.ReadByte();
            }
            catch (EndOfStreamException e)
            {
                throw new HndGateInputException("the file ends in the middle of an entry: it is truncated or not a TorchSharp weights file (Module.save)", path, inner: e);
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw NotTorchSharp(path, "a number is longer than 64 bits");
    }

    private static HndGateInputException NotTorchSharp(string path, string what) =>
        new($"the file is not a TorchSharp weights file (Module.save): {what}", path);
}
