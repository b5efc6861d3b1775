using System.IO.MemoryMappedFiles;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// Keeps one layer's activations over the local set (N × U × h × w) between the threshold pass (R2) and
/// the tally pass (R3), as float16. The first images stay in memory up to the byte budget; the rest go
/// to a memory-mapped temporary file, deleted on dispose. Rows are appended and read in image order.
/// </summary>
public sealed class ActivationCache : IDisposable
{
    private const int BytesPerValue = 2;

    private readonly long[] _rowShape;
    private readonly long _rowBytes;
    private readonly long _memoryRows;
    private readonly Device _device;
    private readonly List<Tensor> _memory = [];
    private readonly string? _spillPath;
    private MemoryMappedFile? _spill;
    private MemoryMappedViewAccessor? _spillView;
    private long _rows;

    /// <param name="shape">N × U × h × w of the whole local set.</param>
    /// <param name="budgetBytes">How many bytes may stay in memory (on <paramref name="device"/>).</param>
    /// <param name="spillDirectory">Where the memory-mapped file goes when the budget is exceeded.</param>
    public ActivationCache(IReadOnlyList<long> shape, long budgetBytes, Device device, string spillDirectory)
    {
        if (shape.Count != 4)
        {
            throw new ArgumentException("activations are N × U × h × w", nameof(shape));
        }

        TotalRows = shape[0];
        _rowShape = [.. shape.Skip(1)];
        _rowBytes = _rowShape.Aggregate(1L, (a, b) => a * b) * BytesPerValue;
        _memoryRows = Math.Min(TotalRows, Math.Max(0, budgetBytes) / _rowBytes);
        _device = device;
        if (_memoryRows < TotalRows)
        {
            Directory.CreateDirectory(spillDirectory);
            _spillPath = Path.Combine(spillDirectory, $"hnd-gate-activations-{Guid.NewGuid():N}.f16");
            var capacity = (TotalRows - _memoryRows) * _rowBytes;
            _spill = MemoryMappedFile.CreateFromFile(_spillPath, FileMode.CreateNew, null, capacity, MemoryMappedFileAccess.ReadWrite);
            _spillView = _spill.CreateViewAccessor(0, capacity);
        }
    }

    public long TotalRows { get; }

    /// <summary>Rows kept in memory; the others are in the spill file.</summary>
    public long MemoryRows => _memoryRows;

    /// <summary>Bytes held in memory once full.</summary>
    public long MemoryBytes => _memoryRows * _rowBytes;

    /// <summary>Bytes in the spill file once full.</summary>
    public long SpillBytes => (TotalRows - _memoryRows) * _rowBytes;

    /// <summary>Appends the next rows (a batch of images in order).</summary>
    public void Append(Tensor batch)
    {
        var count = batch.shape[0];
        if (_rows + count > TotalRows)
        {
            throw new InvalidOperationException($"the cache holds {TotalRows} rows; {_rows + count} were appended");
        }

        using var scope = NewDisposeScope();
        var half = batch.detach().to(ScalarType.Float16);
        var inMemory = Math.Clamp(_memoryRows - _rows, 0, count);
        if (inMemory > 0)
        {
            // A copy, so that the rest of the batch is not kept alive through a view.
            _memory.Add(half.slice(0, 0, inMemory, 1).to(_device).clone().DetachFromDisposeScope());
        }

        if (inMemory < count)
        {
            var spilled = half.slice(0, inMemory, count, 1).cpu().contiguous();
            var values = spilled.data<Half>().ToArray();
            var offset = (_rows + inMemory - _memoryRows) * _rowBytes;
            _spillView!.WriteArray(offset, values, 0, values.Length);
        }

        _rows += count;
    }

    /// <summary>Rows [first, first + count) as float32 on the cache's device.</summary>
    public Tensor ReadRows(long first, long count) => Read(first, count, ScalarType.Float32);

    /// <summary>
    /// Rows [first, first + count) as stored, float16, on the cache's device: rows kept in memory are returned
    /// as a view where they lie in one chunk, not copied.
    /// </summary>
    public Tensor ReadStoredRows(long first, long count) => Read(first, count, ScalarType.Float16);

    private Tensor Read(long first, long count, ScalarType type)
    {
        if (first < 0 || first + count > _rows)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"rows [{first}, {first + count}) are not all in the cache ({_rows} rows)");
        }

        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        long chunkStart = 0;
        foreach (var chunk in _memory)
        {
            var chunkEnd = chunkStart + chunk.shape[0];
            var from = Math.Max(first, chunkStart);
            var to = Math.Min(first + count, chunkEnd);
            if (from < to)
            {
                parts.Add(chunk.slice(0, from - chunkStart, to - chunkStart, 1));
            }

            chunkStart = chunkEnd;
        }

        var spillFrom = Math.Max(first, _memoryRows);
        if (spillFrom < first + count)
        {
            var rows = first + count - spillFrom;
            var values = new Half[rows * (_rowBytes / BytesPerValue)];
            _spillView!.ReadArray((spillFrom - _memoryRows) * _rowBytes, values, 0, values.Length);
            var floats = new float[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                floats[i] = (float)values[i];
            }

            parts.Add(tensor(floats, [rows, .. _rowShape]).to(_device));
        }

        var result = parts.Count == 1 ? parts[0] : cat(parts, 0);
        return result.to(type).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var chunk in _memory)
        {
            chunk.Dispose();
        }

        _memory.Clear();
        _spillView?.Dispose();
        _spill?.Dispose();
        _spillView = null;
        _spill = null;
        if (_spillPath is not null)
        {
            File.Delete(_spillPath);
        }
    }
}
