using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// Streams the per-image, per-unit maximum and minimum of a layer's activations over a set of
/// images in canonical order. R5 needs the maxima m_n; R6 and R7 need lo/hi = min/max of all values,
/// which are the minima and maxima of the per-image extremes. Families or subsets are row ranges.
/// </summary>
public sealed class ActivationExtremes : IDisposable
{
    private Tensor _maxima;
    private Tensor _minima;
    private bool _disposed;

    /// <summary>Prepares for <paramref name="images"/> images of a layer with <paramref name="units"/> units.</summary>
    public ActivationExtremes(int units, int images, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(images);
        Units = units;
        Images = images;
        _maxima = torch.zeros(images, units, ScalarType.Float32, device).DetachFromDisposeScope();
        _minima = torch.zeros(images, units, ScalarType.Float32, device).DetachFromDisposeScope();
    }

    private ActivationExtremes(Tensor maxima, Tensor minima)
    {
        _maxima = maxima;
        _minima = minima;
        Images = (int)maxima.shape[0];
        Units = (int)maxima.shape[1];
        Count = Images;
    }

    public int Units { get; }

    /// <summary>The number of images this accumulator holds when complete.</summary>
    public int Images { get; private set; }

    /// <summary>The number of images added so far.</summary>
    public int Count { get; private set; }

    public bool IsComplete => Count == Images;

    public Device Device => _maxima.device;

    /// <summary>Per-image maxima, Images × Units float32; owned by this accumulator (do not dispose).</summary>
    public Tensor Maxima => Complete(_maxima);

    /// <summary>Per-image minima, Images × Units float32; owned by this accumulator (do not dispose).</summary>
    public Tensor Minima => Complete(_minima);

    /// <summary>
    /// A complete accumulator from saved per-image extremes (Images × Units each, canonical order).
    /// The tensors are copied; the caller keeps ownership of its own.
    /// </summary>
    public static ActivationExtremes Restore(Tensor maxima, Tensor minima)
    {
        if (maxima.dim() != 2 || !maxima.shape.SequenceEqual(minima.shape))
        {
            throw new ArgumentException($"maxima and minima must both be images × units; got [{string.Join(", ", maxima.shape)}] and [{string.Join(", ", minima.shape)}]");
        }

        if (maxima.shape[1] < 1)
        {
            throw new ArgumentException("a layer has at least one unit", nameof(maxima));
        }

        return new ActivationExtremes(
            maxima.to(ScalarType.Float32, copy: true).DetachFromDisposeScope(),
            minima.to(ScalarType.Float32, maxima.device, copy: true).DetachFromDisposeScope());
    }

    /// <summary>Adds the next images: a batch N_b × Units × h × w (float32 or float16).</summary>
    public void Add(Tensor batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ActivationBatch.Check(batch, Units);
        var n = (int)batch.shape[0];
        if (Count + n > Images)
        {
            throw new InvalidOperationException($"expected {Images} images in all, got {Count + n}");
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var values = ActivationBatch.AsFloat(batch, Device);
        _maxima.narrow(0, Count, n).copy_(values.amax([2, 3]));
        _minima.narrow(0, Count, n).copy_(values.amin([2, 3]));
        Count += n;
    }

    /// <summary>
    /// Appends the images of <paramref name="later"/>, a complete accumulator of the shard that follows this
    /// one in canonical order. The result equals one stream over both shards.
    /// </summary>
    public void Merge(ActivationExtremes later)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (later.Units != Units)
        {
            throw new ArgumentException($"cannot merge a shard of {later.Units} units into one of {Units}", nameof(later));
        }

        Complete(_maxima);
        _ = later.Maxima;
        using var scope = torch.NewDisposeScope();
        var newMaxima = torch.cat([_maxima, later._maxima.to(Device)], 0).DetachFromDisposeScope();
        var newMinima = torch.cat([_minima, later._minima.to(Device)], 0).DetachFromDisposeScope();
        _maxima.Dispose();
        _minima.Dispose();
        _maxima = newMaxima;
        _minima = newMinima;
        Images += later.Images;
        Count = Images;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _maxima.Dispose();
            _minima.Dispose();
            _disposed = true;
        }
    }

    private Tensor Complete(Tensor tensor)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsComplete)
        {
            throw new InvalidOperationException($"only {Count} of {Images} images have been added");
        }

        return tensor;
    }
}
