namespace HndGate.Engine.Models.Onnx;

/// <summary>
/// The Protocol Buffers wire format, as much of it as reading an ONNX graph's names and shapes and adding
/// graph outputs needs. ONNX files are protobuf messages; hnd-gate reads them without generated classes.
/// </summary>
internal static class ProtobufMessage
{
    /// <summary>The fields of one message, in file order. Malformed bytes throw <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<ProtobufField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtobufField>();
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message.Span, ref position);
            var number = (int)(key >> 3);
            var wireType = (ProtobufWireType)(key & 7);
            if (number < 1 || key >> 3 > int.MaxValue)
            {
                throw new InvalidDataException($"field number {key >> 3} at byte {position}");
            }

            switch (wireType)
            {
                case ProtobufWireType.Varint:
                    fields.Add(new ProtobufField(number, wireType, ReadVarint(message.Span, ref position), default));
                    break;
                case ProtobufWireType.Fixed64:
                    fields.Add(new ProtobufField(number, wireType, 0, Take(message, ref position, 8)));
                    break;
                case ProtobufWireType.Fixed32:
                    fields.Add(new ProtobufField(number, wireType, 0, Take(message, ref position, 4)));
                    break;
                case ProtobufWireType.LengthDelimited:
                    var length = ReadVarint(message.Span, ref position);
                    if (length > int.MaxValue)
                    {
                        throw new InvalidDataException($"a field of {length} bytes at byte {position}");
                    }

                    fields.Add(new ProtobufField(number, wireType, 0, Take(message, ref position, (int)length)));
                    break;
                default:
                    // Groups (3, 4) are not used by ONNX; 6 and 7 do not exist.
                    throw new InvalidDataException($"wire type {(int)wireType} at byte {position}");
            }
        }

        return fields;
    }

    /// <summary>A length-delimited field: key, length, bytes.</summary>
    public static byte[] LengthDelimited(int number, ReadOnlySpan<byte> payload)
    {
        var bytes = new List<byte>(payload.Length + 10);
        WriteVarint(bytes, ((ulong)number << 3) | (ulong)ProtobufWireType.LengthDelimited);
        WriteVarint(bytes, (ulong)payload.Length);
        bytes.AddRange(payload);
        return [.. bytes];
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new InvalidDataException("the data end inside a number");
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException($"a number longer than 10 bytes at byte {position}");
    }

    private static ReadOnlyMemory<byte> Take(ReadOnlyMemory<byte> message, ref int position, int length)
    {
        if (length > message.Length - position)
        {
            throw new InvalidDataException($"a field of {length} bytes at byte {position} runs past the end ({message.Length} bytes)");
        }

        var slice = message.Slice(position, length);
        position += length;
        return slice;
    }

    private static void WriteVarint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }
}
