namespace HndGate.Engine.Models.Onnx;

/// <summary>The wire types of the Protocol Buffers encoding (protobuf.dev/programming-guides/encoding).</summary>
internal enum ProtobufWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
