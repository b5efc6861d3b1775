using HndGate.Engine.Dissection.Bootstrap;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// R3: the IoU tally of every unit against every local concept, streamed over batches of local images
/// (the second pass, once T_u is known). Holds exact int64 counts on the device: I[u,c],
/// Σ|B[n,u]| and Σ|M[n,c]| over the images that carry c; Un = Σ|B| + Σ|M| − I.
/// Per batch it upsamples (see <see cref="BilinearUpsampling"/>) only the maps that can be active,
/// thresholds them strictly above T_u, and counts intersections with one matrix product per image
/// against the masks that image carries: no loop over units or pixels. On the CPU the same counts are
/// made on the host with bitmaps (<see cref="HostIouCounter"/>), several times faster there.
/// </summary>
public sealed class IouTally : IDisposable
{
    // Intersections are counted by a float32 matrix product of 0/1 values: exact while S² < 2^24.
    private const int MaxTallySize = 4096;

    private readonly Tensor _thresholds;
    private readonly BilinearUpsampling _upsampling;
    private readonly Tensor _intersections;
    private readonly Tensor _activationAreas;
    private readonly Tensor _maskAreas;
    private readonly bool _skipSilentMaps;
    private readonly HostIouCounter? _host;
    private readonly long[]? _hostMaskAreas;
    private readonly ImageIouCounts? _perImage;
    private bool _disposed;

    /// <summary>
    /// A tally for maps of <paramref name="mapHeight"/> × <paramref name="mapWidth"/> against
    /// <paramref name="concepts"/> concepts at <paramref name="tallySize"/> × <paramref name="tallySize"/>,
    /// on the device of <paramref name="thresholds"/> (T_u of R2, one per unit; copied).
    /// </summary>
    public IouTally(Tensor thresholds, int concepts, int mapHeight, int mapWidth, int tallySize)
        : this(thresholds, concepts, mapHeight, mapWidth, tallySize, skipSilentMaps: true)
    {
    }

    /// <summary>
    /// A tally that also keeps every image's own counts in <paramref name="perImage"/> (for the bootstrap),
    /// which must be empty and sized for the images to be tallied and these units and concepts.
    /// </summary>
    public IouTally(Tensor thresholds, int concepts, int mapHeight, int mapWidth, int tallySize, ImageIouCounts perImage)
        : this(thresholds, concepts, mapHeight, mapWidth, tallySize, skipSilentMaps: true, perImage: perImage)
    {
    }

    /// <param name="skipSilentMaps">false upsamples every map, for tests that the skip changes nothing.</param>
    /// <param name="onHost">false counts with tensor operations on the CPU too, for tests that both ways agree.</param>
    /// <param name="perImage">Also keeps every image's counts there; null: only the sums (no cost).</param>
    internal IouTally(Tensor thresholds, int concepts, int mapHeight, int mapWidth, int tallySize, bool skipSilentMaps, bool onHost = true, ImageIouCounts? perImage = null)
    {
        if (thresholds.dim() != 1 || thresholds.shape[0] < 1)
        {
            throw new ArgumentException($"thresholds must be one value per unit; got [{string.Join(", ", thresholds.shape)}]", nameof(thresholds));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(concepts);
        ArgumentOutOfRangeException.ThrowIfLessThan(tallySize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tallySize, MaxTallySize);
        Units = (int)thresholds.shape[0];
        Concepts = concepts;
        if (perImage is not null && (perImage.Units != Units || perImage.Concepts != concepts || perImage.Count != 0))
        {
            throw new ArgumentException($"the per-image counts must be empty and hold {Units} units × {concepts} concepts; they hold {perImage.Units} × {perImage.Concepts} with {perImage.Count} images", nameof(perImage));
        }

        _perImage = perImage;
        TallySize = tallySize;
        _skipSilentMaps = skipSilentMaps;
        var device = thresholds.device;
        _thresholds = thresholds.to(ScalarType.Float32, copy: true).DetachFromDisposeScope();
        _upsampling = new BilinearUpsampling(mapHeight, mapWidth, tallySize, tallySize, device);
        _intersections = torch.zeros(Units, concepts, ScalarType.Int64, device).DetachFromDisposeScope();
        _activationAreas = torch.zeros(Units, concepts, ScalarType.Int64, device).DetachFromDisposeScope();
        _maskAreas = torch.zeros(concepts, ScalarType.Int64, device).DetachFromDisposeScope();
        if (onHost && device.type == DeviceType.CPU)
        {
            _host = new HostIouCounter(_thresholds.data<float>().ToArray(), concepts, mapHeight, mapWidth, tallySize, skipSilentMaps);
            _hostMaskAreas = new long[concepts];
        }
    }

    public int Units { get; }

    public int Concepts { get; }

    /// <summary>S: masks and upsampled maps are S × S.</summary>
    public int TallySize { get; }

    public int MapHeight => _upsampling.InputHeight;

    public int MapWidth => _upsampling.InputWidth;

    /// <summary>Whether the counts are made on the host (<see cref="HostIouCounter"/>), which takes masks as bitmaps.</summary>
    public bool OnHost => _host is not null;

    /// <summary>The number of images tallied so far.</summary>
    public int Images { get; private set; }

    /// <summary>
    /// Tallies a batch: <paramref name="activations"/> N_b × Units × h × w (float32 or float16) and the masks of
    /// the concepts those images carry (rows refer to positions in this batch).
    /// </summary>
    public void Add(Tensor activations, ConceptMaskBatch masks)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckActivations(activations);
        var batchSize = (int)activations.shape[0];
        if (_host is not null)
        {
            AddOnHost(activations, ConceptMaskBitmaps.From(masks, TallySize));
            return;
        }

        var rowsOfImage = RowsOfImage(masks, batchSize);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = _thresholds.device;
        var values = ActivationBatch.AsFloat(activations, device);
        var maskRows = masks.Masks.to(device).reshape(masks.Images.Count, (long)TallySize * TallySize);
        if (!IsBinary(maskRows))
        {
            throw new ArgumentException("masks must be binary (0 or 1)", nameof(masks));
        }

        // The masks as float32 rows, plus a row of ones that counts |B[n,u]| in the same product.
        var rowCount = masks.Images.Count;
        var maskValues = torch.cat([maskRows.to(ScalarType.Float32), torch.ones(1, (long)TallySize * TallySize, ScalarType.Float32, device)], 0);
        var concepts = torch.tensor(masks.Concepts.Select(c => (long)c).ToArray(), device: device);
        var images = torch.tensor(masks.Images.Select(n => (long)n).ToArray(), device: device);

        // R3: Σ_{n: c∈C_n} |M[n,c]|.
        _maskAreas.index_add_(0, concepts, maskRows.ne(0).sum(1), 1);

        // R3: a bilinear value never exceeds its source cells, so a map whose maximum is ≤ T_u has an empty B.
        var live = _skipSilentMaps
            ? values.amax([2, 3]).gt(_thresholds.unsqueeze(0))
            : torch.ones(batchSize, Units, ScalarType.Bool, device);
        var areas = torch.zeros(batchSize, Units, ScalarType.Int64, device);
        var rowOverlaps = _perImage is null ? null : torch.zeros(rowCount, Units, ScalarType.Int64, device);
        for (var n = 0; n < batchSize; n++)
        {
            var rows = rowsOfImage[n];
            if (rows.Length == 0)
            {
                continue;
            }

            var units = live[n].nonzero().squeeze(1);
            var count = units.shape[0];
            if (count == 0)
            {
                continue;
            }

            // R3: B[n,u] = upsampled map strictly greater than T_u, as float32 0/1.
            var binary = _upsampling.Active(values[n].index_select(0, units), _thresholds.index_select(0, units)).reshape(count, -1);

            // R3: |B[n,u] ∧ M[n,c]| for the concepts image n carries, and |B[n,u]|, as one product of 0/1 matrices.
            var overlap = binary.mm(maskValues.index_select(0, torch.tensor([.. rows, rowCount], device: device)).t()).to(ScalarType.Int64);
            areas[n].index_copy_(0, units, overlap[.., ^1]);
            var target = (units.unsqueeze(1) * Concepts) + concepts.index_select(0, torch.tensor(rows, device: device)).unsqueeze(0);
            _intersections.view(-1).index_add_(0, target.flatten(), overlap[.., ..^1].flatten(), 1);
            if (rowOverlaps is not null)
            {
                var cells = (torch.tensor(rows, device: device).unsqueeze(0) * Units) + units.unsqueeze(1);
                rowOverlaps.view(-1).index_copy_(0, cells.flatten(), overlap[.., ..^1].flatten());
            }
        }

        if (_perImage is not null && rowOverlaps is not null)
        {
            _perImage.Add(batchSize, masks.Images, masks.Concepts, HostInts(rowOverlaps), HostInts(areas), HostInts(maskRows.ne(0).sum(1)));
        }

        // R3: Σ_{n: c∈C_n} |B[n,u]|.
        _activationAreas.index_add_(1, concepts, areas.index_select(0, images).t(), 1);
        Images += batchSize;
    }

    /// <summary>
    /// Tallies a batch whose masks come as bitmaps (as <see cref="ConceptMaskLoader"/> decodes them for CPU runs);
    /// a tally on another device unpacks them to a tensor.
    /// </summary>
    public void Add(Tensor activations, ConceptMaskBitmaps masks)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckActivations(activations);
        if (masks.Size != TallySize)
        {
            throw new ArgumentException($"masks must be {TallySize} × {TallySize}; got {masks.Size} × {masks.Size}", nameof(masks));
        }

        if (_host is not null)
        {
            AddOnHost(activations, masks);
            return;
        }

        using var tensor = masks.ToTensor();
        Add(activations, new ConceptMaskBatch(tensor, masks.Images, masks.Concepts));
    }

    /// <summary>Adds the counts of another shard's tally (same thresholds, concepts and sizes).</summary>
    public void Merge(IouTally other)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (other.Units != Units || other.Concepts != Concepts || other.TallySize != TallySize
            || other.MapHeight != MapHeight || other.MapWidth != MapWidth)
        {
            throw new ArgumentException("cannot merge tallies of different units, concepts or sizes", nameof(other));
        }

        if (_perImage is not null || other._perImage is not null)
        {
            throw new InvalidOperationException("tallies that keep per-image counts (the bootstrap's) are not merged: the bootstrap runs unsharded");
        }

        Flush();
        other.Flush();
        using var scope = torch.NewDisposeScope();
        if (!other._thresholds.to(_thresholds.device).eq(_thresholds).all().item<bool>())
        {
            throw new ArgumentException("cannot merge tallies made with different thresholds", nameof(other));
        }

        _intersections.add_(other._intersections.to(_intersections.device));
        _activationAreas.add_(other._activationAreas.to(_activationAreas.device));
        _maskAreas.add_(other._maskAreas.to(_maskAreas.device));
        Images += other.Images;
    }

    /// <summary>R3: I and Un = Σ|B| + Σ|M| − I for every unit and concept, on the host.</summary>
    public IouCounts Counts()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Flush();
        using var scope = torch.NewDisposeScope();
        var unions = _activationAreas + _maskAreas.unsqueeze(0) - _intersections;
        return new IouCounts(Units, Concepts, Images, HostValues(_intersections), HostValues(unions));
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _thresholds.Dispose();
            _upsampling.Dispose();
            _intersections.Dispose();
            _activationAreas.Dispose();
            _maskAreas.Dispose();
            _disposed = true;
        }
    }

    /// <summary>
    /// The same counts on the host (see <see cref="HostIouCounter"/>), kept there until <see cref="Counts"/> or
    /// <see cref="Merge"/>; LibTorch's thread count applies. float32 and float16 activations on the CPU are read
    /// in place.
    /// </summary>
    private void AddOnHost(Tensor activations, ConceptMaskBitmaps masks)
    {
        var batchSize = (int)activations.shape[0];
        var (rowStart, rowOrder) = RowsOfImage(masks, batchSize);
        using var scope = torch.NewDisposeScope();
        var values = activations.device_type == DeviceType.CPU && activations.dtype is (ScalarType.Float32 or ScalarType.Float16) && activations.is_contiguous()
            ? activations
            : activations.to(ScalarType.Float32, CPU).contiguous();
        var perImage = _perImage is null ? null : new HostIouCounter.ImageCounts(new int[masks.Count * Units], new int[batchSize * Units]);
        _host!.Count(values, masks, rowStart, rowOrder, torch.get_num_threads(), perImage);
        for (var row = 0; row < masks.Count; row++)
        {
            // R3: Σ_{n: c∈C_n} |M[n,c]|.
            _hostMaskAreas![masks.Concepts[row]] += masks.Area(row);
        }

        if (perImage is not null)
        {
            var maskAreas = new int[masks.Count];
            for (var row = 0; row < masks.Count; row++)
            {
                maskAreas[row] = (int)masks.Area(row);
            }

            _perImage!.Add(batchSize, masks.Images, masks.Concepts, perImage.RowOverlaps, perImage.ImageAreas, maskAreas);
        }

        Images += batchSize;
    }

    /// <summary>Moves the counts held on the host into the tensors.</summary>
    private void Flush()
    {
        if (_host is null)
        {
            return;
        }

        var intersections = new long[Units * Concepts];
        var activationAreas = new long[Units * Concepts];
        _host.Drain(intersections, activationAreas);
        using var scope = torch.NewDisposeScope();
        _intersections.add_(torch.tensor(intersections, [Units, Concepts]));
        _activationAreas.add_(torch.tensor(activationAreas, [Units, Concepts]));
        _maskAreas.add_(torch.tensor(_hostMaskAreas!));
        Array.Clear(_hostMaskAreas!);
    }

    private void CheckActivations(Tensor activations)
    {
        ActivationBatch.Check(activations, Units);
        if (activations.shape[2] != MapHeight || activations.shape[3] != MapWidth)
        {
            throw new ArgumentException($"this tally takes {MapHeight}×{MapWidth} maps; got [{string.Join(", ", activations.shape)}]", nameof(activations));
        }
    }

    // One pass for the usual uint8 masks (nothing is below 0); float masks need both comparisons.
    private static bool IsBinary(Tensor masks) => masks.dtype switch
    {
        ScalarType.Bool => true,
        ScalarType.Byte => !masks.gt(1).any().item<bool>(),
        _ => !masks.ne(0).logical_and(masks.ne(1)).any().item<bool>(),
    };

    private static long[] HostValues(Tensor counts) => counts.cpu().contiguous().data<long>().ToArray();

    private static int[] HostInts(Tensor counts) => counts.to(ScalarType.Int32).cpu().contiguous().data<int>().ToArray();

    /// <summary>The mask rows grouped by image: image n's rows are order[start[n] .. start[n + 1]), checked as <see cref="RowsOfImage(ConceptMaskBatch, int)"/> checks them.</summary>
    private (int[] Start, int[] Order) RowsOfImage(ConceptMaskBitmaps masks, int batchSize)
    {
        var start = new int[batchSize + 1];
        for (var l = 0; l < masks.Count; l++)
        {
            var (image, concept) = (masks.Images[l], masks.Concepts[l]);
            if (image < 0 || image >= batchSize || concept < 0 || concept >= Concepts)
            {
                throw new ArgumentException($"mask row {l} names image {image} of {batchSize} and concept {concept} of {Concepts}", nameof(masks));
            }

            start[image + 1]++;
        }

        for (var n = 0; n < batchSize; n++)
        {
            start[n + 1] += start[n];
        }

        var order = new int[masks.Count];
        var filled = start[..^1];
        var seenBy = new int[Concepts];
        for (var l = 0; l < masks.Count; l++)
        {
            order[filled[masks.Images[l]]++] = l;
        }

        // Each image's concepts marked with its index + 1: a mark already there is a concept carried twice.
        for (var n = 0; n < batchSize; n++)
        {
            for (var i = start[n]; i < start[n + 1]; i++)
            {
                var concept = masks.Concepts[order[i]];
                if (seenBy[concept] == n + 1)
                {
                    throw new ArgumentException($"image {n} of the batch carries concept {concept} twice", nameof(masks));
                }

                seenBy[concept] = n + 1;
            }
        }

        return (start, order);
    }

    private long[][] RowsOfImage(ConceptMaskBatch masks, int batchSize)
    {
        var rows = masks.Images.Count;
        if (masks.Concepts.Count != rows)
        {
            throw new ArgumentException($"mask rows name {masks.Images.Count} images but {masks.Concepts.Count} concepts", nameof(masks));
        }

        if (masks.Masks.dim() != 3 || masks.Masks.shape[0] != rows || masks.Masks.shape[1] != TallySize || masks.Masks.shape[2] != TallySize)
        {
            throw new ArgumentException($"masks must be {rows} × {TallySize} × {TallySize}; got [{string.Join(", ", masks.Masks.shape)}]", nameof(masks));
        }

        var perImage = new List<long>[batchSize];
        var seen = new HashSet<(int, int)>();
        for (var l = 0; l < rows; l++)
        {
            var (image, concept) = (masks.Images[l], masks.Concepts[l]);
            if (image < 0 || image >= batchSize || concept < 0 || concept >= Concepts)
            {
                throw new ArgumentException($"mask row {l} names image {image} of {batchSize} and concept {concept} of {Concepts}", nameof(masks));
            }

            if (!seen.Add((image, concept)))
            {
                throw new ArgumentException($"image {image} of the batch carries concept {concept} twice", nameof(masks));
            }

            (perImage[image] ??= []).Add(l);
        }

        return perImage.Select(r => r?.ToArray() ?? []).ToArray();
    }
}
