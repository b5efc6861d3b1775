using static TorchSharp.torch;

namespace HndGate.Engine.Formats;

/// <summary>
/// Writes a .npy array row block by row block (the first axis is known up front). The file appears at its
/// path only on <see cref="Complete"/>; a writer disposed before that leaves nothing behind.
/// </summary>
public sealed class NpyWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private readonly NpyDataType _type;
    private readonly IReadOnlyList<long> _shape;
    private long _rowsWritten;
    private bool _completed;

    public NpyWriter(string path, NpyDataType type, IReadOnlyList<long> shape)
    {
        _path = Path.GetFullPath(path);
        _temporary = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileName(_path)}.tmp-{Guid.NewGuid():N}");
        _type = type;
        _shape = shape;
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _stream.Write(NpyHeader.Format(type, shape));
    }

    /// <summary>Appends rows (a tensor of shape rows × Shape[1..]); converted to the file's element type (int64 truncates).</summary>
    public void Append(Tensor rows)
    {
        if (rows.dim() != _shape.Count || !rows.shape.Skip(1).SequenceEqual(_shape.Skip(1)))
        {
            throw new ArgumentException($"rows of shape ({string.Join(", ", rows.shape)}) do not fit an array of shape ({string.Join(", ", _shape)})", nameof(rows));
        }

        if (_rowsWritten + rows.shape[0] > _shape[0])
        {
            throw new InvalidOperationException($"more than the {_shape[0]} rows declared in the header");
        }

        if (rows.numel() == 0)
        {
            // TorchSharp cannot read the data of an empty tensor; there is nothing to write either.
            _rowsWritten += rows.shape[0];
            return;
        }

        // The conversions make intermediate tensors: the scope frees them all.
        using var scope = NewDisposeScope();
        if (_type == NpyDataType.Int64)
        {
            var integers = rows.to_type(ScalarType.Int64).cpu().contiguous();
            _stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(integers.data<long>().ToArray().AsSpan()));
            _rowsWritten += rows.shape[0];
            return;
        }

        var values = rows.to_type(ScalarType.Float32).cpu().contiguous();
        var floats = values.data<float>().ToArray();
        if (_type == NpyDataType.Float32)
        {
            _stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()));
        }
        else
        {
            var halves = new Half[floats.Length];
            for (var i = 0; i < floats.Length; i++)
            {
                halves[i] = (Half)floats[i];
            }

            _stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()));
        }

        _rowsWritten += rows.shape[0];
    }

    /// <summary>Checks every declared row was written and moves the file into place.</summary>
    public void Complete()
    {
        if (_rowsWritten != _shape[0])
        {
            throw new InvalidOperationException($"{_rowsWritten} rows written, {_shape[0]} declared");
        }

        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (!_completed)
        {
            File.Delete(_temporary);
        }
    }
}
