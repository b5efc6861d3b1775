using System.Text.Json;
using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>
/// Reads a .safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and [begin, end) byte range in the data that follows, then the data.
/// </summary>
internal static class SafetensorsReader
{
    private const long MaxHeaderBytes = 100_000_000;

    private static readonly Dictionary<string, ScalarType> Types = new(StringComparer.Ordinal)
    {
        ["F64"] = ScalarType.Float64,
        ["F32"] = ScalarType.Float32,
        ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64,
        ["I32"] = ScalarType.Int32,
        ["I16"] = ScalarType.Int16,
        ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte,
        ["BOOL"] = ScalarType.Bool,
    };

    public static IReadOnlyList<KeyValuePair<string, Tensor>> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var headerLength = stream.Length >= 8 ? reader.ReadInt64() : -1;
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || headerLength > stream.Length - 8)
        {
            throw new HndGateInputException("the safetensors header length is out of range: the file is truncated or not a safetensors file", path);
        }

        var dataStart = 8 + headerLength;
        var dataLength = stream.Length - dataStart;
        var result = new List<KeyValuePair<string, Tensor>>();
        try
        {
            using var header = Parse(reader.ReadBytes((int)headerLength), path);
            if (header.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new HndGateInputException("the safetensors header is not a JSON object", path);
            }

            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    continue;
                }

                var (type, shape, begin, end) = Describe(entry, path);
                var expected = shape.Aggregate((double)ElementTypes.Size(type), (a, b) => a * b);
                if (begin < 0 || end < begin || end > dataLength || end - begin != expected || end - begin > int.MaxValue)
                {
                    throw new HndGateInputException(
                        $"'{entry.Name}' claims bytes [{begin}, {end}) for shape [{string.Join(", ", shape)}] ({expected} bytes) in {dataLength} data bytes: the file is truncated or corrupt",
                        path);
                }

                stream.Position = dataStart + begin;
                using var flat = ElementTypes.FromBytes(reader.ReadBytes((int)(end - begin)), type);
                result.Add(KeyValuePair.Create(entry.Name, flat.reshape(shape)));
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

    private static JsonDocument Parse(byte[] bytes, string path)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new HndGateInputException($"the safetensors header is not valid JSON ({e.Message})", path, inner: e);
        }
    }

    private static (ScalarType Type, long[] Shape, long Begin, long End) Describe(JsonProperty entry, string path)
    {
        try
        {
            var value = entry.Value;
            var dtype = value.GetProperty("dtype").GetString()!;
            if (!Types.TryGetValue(dtype, out var type))
            {
                throw new HndGateInputException($"'{entry.Name}' has dtype {dtype}, which hnd-gate does not read (it reads {string.Join(", ", Types.Keys)})", path);
            }

            var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || shape.Any(d => d < 0) || shape.Length > 16)
            {
                throw new HndGateInputException($"'{entry.Name}' has a malformed shape or data_offsets", path);
            }

            return (type, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new HndGateInputException($"'{entry.Name}' lacks a valid dtype, shape or data_offsets in the safetensors header", path, inner: e);
        }
    }
}
