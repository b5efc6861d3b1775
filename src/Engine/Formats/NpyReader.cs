using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Formats;

/// <summary>
/// Reads a .npy array slice by slice along its first axis (image by image), so an activation file larger
/// than memory can be streamed. Slices come back on the CPU as float32 tensors (int64 for int64 arrays).
/// </summary>
public sealed class NpyReader : IDisposable
{
    private readonly FileStream _stream;

    private NpyReader(FileStream stream, NpyHeader header, string file)
    {
        _stream = stream;
        Header = header;
        File = file;
    }

    public NpyHeader Header { get; }

    public string File { get; }

    public static NpyReader Open(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new HndGateInputException("the activation file does not exist", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var header = NpyHeader.Read(stream, path);
            var expected = header.DataOffset + (header.ElementCount * header.ElementSize);
            if (stream.Length != expected)
            {
                throw new HndGateInputException(
                    $"the file holds {stream.Length - header.DataOffset} data bytes but its header (shape ({string.Join(", ", header.Shape)})) needs {expected - header.DataOffset}: it is truncated or corrupt",
                    path);
            }

            return new NpyReader(stream, header, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Rows [first, first+count) of the first axis as a tensor of shape count × Shape[1..]: float32, or int64 for an int64 array.</summary>
    public Tensor ReadRows(long first, long count)
    {
        if (first < 0 || count < 0 || first + count > Header.Shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"rows [{first}, {first + count}) are outside the array's {Header.Shape[0]} rows");
        }

        var elements = checked((int)(count * Header.RowElements));
        var bytes = new byte[elements * Header.ElementSize];
        _stream.Position = Header.DataOffset + (first * Header.RowElements * Header.ElementSize);
        _stream.ReadExactly(bytes);

        long[] shape = [count, .. Header.Shape.Skip(1)];
        if (Header.DataType == NpyDataType.Int64)
        {
            var integers = new long[elements];
            Buffer.BlockCopy(bytes, 0, integers, 0, bytes.Length);
            return tensor(integers, shape, ScalarType.Int64);
        }

        if (Header.DataType == NpyDataType.Float32)
        {
            var values = new float[elements];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return tensor(values, shape, ScalarType.Float32);
        }

        var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(bytes);
        var widened = new float[elements];
        for (var i = 0; i < elements; i++)
        {
            widened[i] = (float)halves[i];
        }

        return tensor(widened, shape, ScalarType.Float32);
    }

    public void Dispose() => _stream.Dispose();
}
