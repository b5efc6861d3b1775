namespace HndGate.Engine.Dissection.Bootstrap;

/// <summary>
/// R3's counts kept per local image for the bootstrap (docs/bootstrap.md): |B[n,u]| for every image and unit,
/// and |B[n,u] ∧ M[n,c]| and |M[n,c]| for every concept c the image carries. The tally fills it
/// (<see cref="IouTally"/>), in canonical order. From them R3's sums over any multiset of the images follow
/// exactly (<see cref="Weighted"/>). A count never exceeds S² ≤ 4096² &lt; 2^31, so int32 holds it:
/// 4·U·(N + Σ_n |C_n|) bytes for a layer.
/// </summary>
public sealed class ImageIouCounts
{
    private readonly IReadOnlyList<IReadOnlyList<int>> _carried;
    private readonly int[] _firstSlot;
    private readonly int[] _areas;
    private readonly int[] _overlaps;
    private readonly int[] _maskAreas;

    /// <summary>Room for the local images of <paramref name="concepts"/> (C_n of each) in a layer of <paramref name="units"/> units.</summary>
    public ImageIouCounts(DissectionConcepts concepts, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        _carried = concepts.LocalImageConcepts;
        _firstSlot = new int[_carried.Count + 1];
        for (var n = 0; n < _carried.Count; n++)
        {
            _firstSlot[n + 1] = checked(_firstSlot[n] + _carried[n].Count);
        }

        Units = units;
        Concepts = concepts.Concepts.Count;
        _areas = new int[checked(_carried.Count * units)];
        _overlaps = new int[checked(_firstSlot[^1] * units)];
        _maskAreas = new int[_firstSlot[^1]];
    }

    public int Units { get; }

    public int Concepts { get; }

    /// <summary>N, the local images this holds when complete.</summary>
    public int Images => _carried.Count;

    /// <summary>The images added so far (the first <see cref="Count"/> in canonical order).</summary>
    public int Count { get; private set; }

    public bool IsComplete => Count == Images;

    /// <summary>
    /// R3: I[u,c] = Σ_n w_n·|B[n,u] ∧ M[n,c]| and Un[u,c] = Σ_n w_n·(|B[n,u]| + |M[n,c]| − |B[n,u] ∧ M[n,c]|),
    /// over the images n that carry c, image n counted <paramref name="weights"/>[n] times: the tally of the
    /// multiset of images. With every weight 1 it is the tally of the whole set.
    /// </summary>
    public IouCounts Weighted(IReadOnlyList<int> weights)
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException($"only {Count} of {Images} images have been tallied");
        }

        if (weights.Count != Images)
        {
            throw new ArgumentException($"one weight per local image is needed ({Images}); got {weights.Count}", nameof(weights));
        }

        // Concept-major while summing, so that the inner loop over units runs along both arrays.
        var intersections = new long[Concepts * Units];
        var unions = new long[Concepts * Units];
        var images = 0L;
        for (var n = 0; n < Images; n++)
        {
            var w = weights[n];
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(weights));
            images += w;
            if (w == 0)
            {
                continue;
            }

            var areas = _areas.AsSpan(n * Units, Units);
            for (var slot = _firstSlot[n]; slot < _firstSlot[n + 1]; slot++)
            {
                var c = _carried[n][slot - _firstSlot[n]];
                var overlaps = _overlaps.AsSpan(slot * Units, Units);
                var i = intersections.AsSpan(c * Units, Units);
                var un = unions.AsSpan(c * Units, Units);
                long mask = _maskAreas[slot];
                for (var u = 0; u < Units; u++)
                {
                    i[u] += (long)w * overlaps[u];
                    un[u] += w * (areas[u] + mask - overlaps[u]);
                }
            }
        }

        var unitMajorIntersections = new long[Units * Concepts];
        var unitMajorUnions = new long[Units * Concepts];
        for (var c = 0; c < Concepts; c++)
        {
            for (var u = 0; u < Units; u++)
            {
                unitMajorIntersections[(u * Concepts) + c] = intersections[(c * Units) + u];
                unitMajorUnions[(u * Concepts) + c] = unions[(c * Units) + u];
            }
        }

        return new IouCounts(Units, Concepts, checked((int)images), unitMajorIntersections, unitMajorUnions);
    }

    /// <summary>
    /// Takes in the tally of the next <paramref name="count"/> images: for each mask row (the image at
    /// <paramref name="images"/>[l] in the batch carrying concept <paramref name="concepts"/>[l]), its |B ∧ M| for
    /// every unit (rows × U) and |M|; for each image of the batch, |B| for every unit (count × U).
    /// </summary>
    internal void Add(
        int count, IReadOnlyList<int> images, IReadOnlyList<int> concepts, ReadOnlySpan<int> rowOverlaps, ReadOnlySpan<int> imageAreas, ReadOnlySpan<int> rowMaskAreas)
    {
        var rows = images.Count;
        if (Count + count > Images || rowOverlaps.Length != rows * Units || imageAreas.Length != count * Units || rowMaskAreas.Length != rows)
        {
            throw new ArgumentException($"a batch of {count} images and {rows} mask rows does not fit the per-image counts ({Count} of {Images} images, {Units} units)");
        }

        imageAreas.CopyTo(_areas.AsSpan(Count * Units, count * Units));
        for (var l = 0; l < rows; l++)
        {
            var n = Count + images[l];
            var j = IndexOf(_carried[n], concepts[l]);
            if (j < 0)
            {
                throw new ArgumentException($"local image {n} has a mask of concept {concepts[l]}, which the dictionary does not list for it", nameof(concepts));
            }

            var slot = _firstSlot[n] + j;
            rowOverlaps.Slice(l * Units, Units).CopyTo(_overlaps.AsSpan(slot * Units, Units));
            _maskAreas[slot] = rowMaskAreas[l];
        }

        Count += count;
    }

    private static int IndexOf(IReadOnlyList<int> carried, int concept)
    {
        for (var j = 0; j < carried.Count; j++)
        {
            if (carried[j] == concept)
            {
                return j;
            }
        }

        return -1;
    }
}
