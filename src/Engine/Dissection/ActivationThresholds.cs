using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// R2: the exact per-unit threshold T_u, streamed over the local images. Keeps a running top-k buffer per
/// unit (U × k float32 on the device) and the per-image extremes of the same images. Top-k is exact
/// whatever the batch order; the extremes keep canonical image order.
/// </summary>
public sealed class ActivationThresholds : IDisposable
{
    private Tensor _top;
    private long _mapSize;
    private bool _disposed;

    /// <summary>
    /// Prepares for <paramref name="images"/> images (this shard's) of a layer with <paramref name="units"/> units.
    /// <paramref name="topCount"/> is k of the whole local set (see <see cref="TopCountFor"/>), the same for every shard.
    /// </summary>
    public ActivationThresholds(int units, int images, long topCount, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topCount, int.MaxValue);
        Extremes = new ActivationExtremes(units, images, device);
        TopCount = topCount;
        _top = torch.empty(units, 0, ScalarType.Float32, device).DetachFromDisposeScope();
    }

    private ActivationThresholds(ActivationExtremes extremes, Tensor top, long topCount)
    {
        Extremes = extremes;
        _top = top;
        TopCount = topCount;
    }

    /// <summary>k: T_u is the k-th largest value of unit u.</summary>
    public long TopCount { get; }

    public int Units => Extremes.Units;

    /// <summary>The per-image maxima and minima of the same images; owned by this accumulator.</summary>
    public ActivationExtremes Extremes { get; }

    /// <summary>
    /// The running top-k values, Units × min(k, values seen) float32, in no particular order within a row;
    /// owned by this accumulator (do not dispose). With the extremes it is the state a shard saves.
    /// </summary>
    public Tensor TopValues
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _top;
        }
    }

    /// <summary>
    /// R2: k = max(1, floor(q·V)) for V = N·h·w values per unit, exactly: q is taken as the decimal it was written
    /// as (the double's shortest 15 significant digits), since in float64 0.29 · 100 is 28.999999999999996.
    /// </summary>
    public static long TopCountFor(double quantile, long values)
    {
        if (!(quantile > 0 && quantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "the quantile q must be in (0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(values, 1);
        return Math.Max(1, (long)decimal.Floor((decimal)quantile * values));
    }

    /// <summary>
    /// A complete accumulator from a saved state: top values (Units × k), per-image maxima and minima
    /// (Images × Units). The tensors are copied; the caller keeps its own.
    /// </summary>
    public static ActivationThresholds Restore(Tensor topValues, Tensor maxima, Tensor minima, long topCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topCount, int.MaxValue);
        if (topValues.dim() != 2 || topValues.shape[0] != maxima.shape[^1] || topValues.shape[1] > topCount)
        {
            throw new ArgumentException($"top values must be units × at most {topCount}; got [{string.Join(", ", topValues.shape)}]", nameof(topValues));
        }

        var extremes = ActivationExtremes.Restore(maxima, minima);
        var top = topValues.to(ScalarType.Float32, extremes.Device, copy: true).DetachFromDisposeScope();
        return new ActivationThresholds(extremes, top, topCount);
    }

    /// <summary>Adds the next images: a batch N_b × Units × h × w (float32 or float16); h × w fixed per layer.</summary>
    public void Add(Tensor batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ActivationBatch.Check(batch, Units);
        var size = batch.shape[2] * batch.shape[3];
        if (_mapSize != 0 && size != _mapSize)
        {
            throw new ArgumentException($"every batch of a layer must have maps of the same size; got {batch.shape[2]}×{batch.shape[3]} after maps of {_mapSize} positions", nameof(batch));
        }

        Extremes.Add(batch);
        _mapSize = size;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var values = ActivationBatch.AsFloat(batch, Extremes.Device).transpose(0, 1).reshape(Units, -1);
        Keep(torch.cat([_top, values], 1));
    }

    /// <summary>
    /// Takes in <paramref name="later"/>, a complete accumulator of the shard that follows this one in
    /// canonical order (same k). The result equals one stream over both shards.
    /// </summary>
    public void Merge(ActivationThresholds later)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (later.TopCount != TopCount)
        {
            throw new ArgumentException($"cannot merge a shard kept with k = {later.TopCount} into one with k = {TopCount}", nameof(later));
        }

        Extremes.Merge(later.Extremes);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Keep(torch.cat([_top, later.TopValues.to(Extremes.Device)], 1));
    }

    /// <summary>R2: T_u, the k-th largest value of unit u counting ties with multiplicity (Units, float32; caller owns).</summary>
    public Tensor Thresholds()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = Extremes.Maxima;
        if (_top.shape[1] < TopCount)
        {
            throw new InvalidOperationException($"T_u needs k = {TopCount} values per unit; only {_top.shape[1]} were seen");
        }

        using var noGrad = torch.no_grad();
        return _top.amin([1]);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _top.Dispose();
            Extremes.Dispose();
            _disposed = true;
        }
    }

    // R2: the k largest of the buffer and the new values, duplicates kept, so the k-th largest stays exact.
    private void Keep(Tensor candidates)
    {
        var kept = candidates.shape[1] <= TopCount
            ? candidates
            : candidates.topk((int)TopCount, 1, largest: true, sorted: false).values;
        _top.Dispose();
        _top = kept.DetachFromDisposeScope();
    }
}
