using HndGate.Engine.Models.Onnx;

namespace HndGate.Engine.Tests.Models.Onnx;

public sealed class ProtobufMessageTests
{
    [Fact]
    public void Fields_ReadsVarintsAndStrings_AsTheEncodingGuideEncodesThem()
    {
        // protobuf.dev/programming-guides/encoding: field 1 = 150 is 08 96 01; field 2 = "testing" is 12 07 74 65 73 74 69 6e 67.
        byte[] message = [0x08, 0x96, 0x01, 0x12, 0x07, .. "testing"u8];

        var fields = ProtobufMessage.Fields(message);

        Assert.Equal(2, fields.Count);
        Assert.Equal((1, ProtobufWireType.Varint, 150UL), (fields[0].Number, fields[0].WireType, fields[0].Varint));
        Assert.Equal((2, ProtobufWireType.LengthDelimited, "testing"), (fields[1].Number, fields[1].WireType, fields[1].Text));
    }

    [Fact]
    public void Fields_KeepsFixedWidthValues_AsTheirBytes()
    {
        byte[] message = [0x0D, 1, 2, 3, 4, 0x11, 1, 2, 3, 4, 5, 6, 7, 8];

        var fields = ProtobufMessage.Fields(message);

        Assert.Equal([4, 8], fields.Select(f => f.Bytes.Length));
        Assert.Equal([ProtobufWireType.Fixed32, ProtobufWireType.Fixed64], fields.Select(f => f.WireType));
    }

    [Fact]
    public void LengthDelimited_IsReadBackByFields()
    {
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        var field = Assert.Single(ProtobufMessage.Fields(ProtobufMessage.LengthDelimited(12, payload)));

        Assert.Equal(12, field.Number);
        Assert.Equal(payload, field.Bytes.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x08, 0x96 })]
    [InlineData(new byte[] { 0x12, 0x07, 0x74 })]
    [InlineData(new byte[] { 0x0B })]
    [InlineData(new byte[] { 0x00, 0x01 })]
    public void Fields_RefusesMalformedBytes(byte[] message)
    {
        Assert.Throws<InvalidDataException>(() => ProtobufMessage.Fields(message));
    }
}
