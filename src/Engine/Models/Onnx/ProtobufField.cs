namespace HndGate.Engine.Models.Onnx;

/// <summary>
/// One field of a Protocol Buffers message as it is on the wire: its number, and either its varint value
/// or its length-delimited bytes (strings and embedded messages). Fixed-width values keep their bytes.
/// </summary>
internal readonly record struct ProtobufField(int Number, ProtobufWireType WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);
}
