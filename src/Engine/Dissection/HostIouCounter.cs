using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HndGate.Engine.Dissection;

/// <summary>
/// R3's counts of one batch on the host, for CPU runs, where a tensor call per step costs more than the step:
/// each binary map B[n,u] is built straight into a bitmap and intersected with the bitmaps of the image's
/// masks by popcount, images on parallel threads. The arithmetic of every pixel is
/// <see cref="BilinearUpsampling"/>'s (a + λ·(b − a) in float32, rows first, each operation rounded once),
/// so the counts equal the tensor path's. Because no upsampled value leaves [min(a, b), max(a, b)] of its
/// two sources, a map whose maximum is ≤ T_u, an output row whose row-stage values are all ≤ T_u, and a run
/// of columns whose two sources are ≤ T_u are all inactive and are skipped without being computed.
/// </summary>
internal sealed class HostIouCounter
{
    private readonly int _units;
    private readonly int _concepts;
    private readonly int _height;
    private readonly int _width;
    private readonly int _size;
    private readonly int _words;
    private readonly float[] _thresholds;
    private readonly (int I0, int I1, float Lambda)[] _rows;
    private readonly ColumnRun[] _runs;
    private readonly float[] _lambdas;
    private readonly bool _skipSilent;

    /// <param name="skipSilent">false computes every map, row and column run, for tests that skipping changes nothing.</param>
    public HostIouCounter(float[] thresholds, int concepts, int mapHeight, int mapWidth, int tallySize, bool skipSilent)
    {
        _units = thresholds.Length;
        _concepts = concepts;
        _height = mapHeight;
        _width = mapWidth;
        _size = tallySize;
        _words = (int)(((long)tallySize * tallySize + 63) / 64);
        _thresholds = thresholds;
        _skipSilent = skipSilent;
        _rows = Enumerable.Range(0, tallySize).Select(d => BilinearUpsampling.Source(d, mapHeight, tallySize)).ToArray();

        // Output columns with the same two source cells form runs; λ is padded so that whole vectors can be read.
        var runs = new List<ColumnRun>();
        _lambdas = new float[tallySize + Vector256<float>.Count];
        for (var x = 0; x < tallySize; x++)
        {
            var (i0, i1, lambda) = BilinearUpsampling.Source(x, mapWidth, tallySize);
            _lambdas[x] = lambda;
            if (runs.Count > 0 && runs[^1].I0 == i0 && runs[^1].I1 == i1)
            {
                runs[^1] = runs[^1] with { End = x + 1 };
            }
            else
            {
                runs.Add(new ColumnRun(x, x + 1, i0, i1));
            }
        }

        _runs = [.. runs];
    }

    /// <summary>Words of 64 pixels in one S × S bitmap.</summary>
    public int Words => _words;

    /// <summary>
    /// Packs masks (L × S² bytes) into bitmaps of <see cref="Words"/> words each; throws
    /// <see cref="ArgumentException"/> for a byte other than 0 and 1 (checked in the same pass).
    /// </summary>
    public ulong[] Pack(ReadOnlySpan<byte> masks, int rows)
    {
        var pixels = _size * _size;
        var packed = new ulong[rows * _words];
        var beyond = Vector256<byte>.Zero;
        var tail = 0;
        for (var l = 0; l < rows; l++)
        {
            var row = masks.Slice(l * pixels, pixels);
            var target = packed.AsSpan(l * _words, _words);
            var p = 0;
            for (; p + Vector256<byte>.Count <= pixels; p += Vector256<byte>.Count)
            {
                var bytes = Vector256.Create(row.Slice(p, Vector256<byte>.Count));
                beyond |= Vector256.GreaterThan(bytes, Vector256<byte>.One);
                target[p >> 6] |= (ulong)Vector256.GreaterThan(bytes, Vector256<byte>.Zero).ExtractMostSignificantBits() << (p & 63);
            }

            for (; p < pixels; p++)
            {
                tail |= row[p];
                target[p >> 6] |= row[p] != 0 ? 1UL << (p & 63) : 0;
            }
        }

        if (beyond != Vector256<byte>.Zero || tail > 1)
        {
            throw new ArgumentException("masks must be binary (0 or 1)", nameof(masks));
        }

        return packed;
    }

    /// <summary>|M|: the pixels of one packed mask row.</summary>
    public long Area(ulong[] packed, int row)
    {
        long area = 0;
        foreach (var word in packed.AsSpan(row * _words, _words))
        {
            area += BitOperations.PopCount(word);
        }

        return area;
    }

    /// <summary>
    /// Adds one batch to <paramref name="intersections"/> (|B ∧ M|) and <paramref name="activationAreas"/> (|B|),
    /// both Units × Concepts, row-major, for every (image, concept) mask row.
    /// </summary>
    /// <param name="values">The batch's maps, images × Units × h × w, row-major float32.</param>
    /// <param name="masks">Bitmaps of the mask rows (<see cref="Pack"/>).</param>
    /// <param name="rowsOfImage">For each image of the batch, its mask rows.</param>
    /// <param name="conceptOfRow">For each mask row, its concept.</param>
    /// <param name="threads">Images counted at once.</param>
    /// <param name="perImage">Also each image's own counts (the bootstrap's); null: only the sums.</param>
    public void Count(
        float[] values, ulong[] masks, long[][] rowsOfImage, IReadOnlyList<int> conceptOfRow, int threads,
        long[] intersections, long[] activationAreas, ImageCounts? perImage = null)
    {
        var gate = new object();
        Parallel.For(
            0,
            rowsOfImage.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => new Counts(_units * _concepts, _size * _width, _words),
            (image, _, local) =>
            {
                if (rowsOfImage[image].Length > 0)
                {
                    CountImage(values, image, masks, rowsOfImage[image], conceptOfRow, local, perImage);
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var i = 0; i < intersections.Length; i++)
                    {
                        intersections[i] += local.Intersections[i];
                        activationAreas[i] += local.Areas[i];
                    }
                }
            });
    }

    private void CountImage(float[] values, int image, ulong[] masks, long[] rows, IReadOnlyList<int> conceptOfRow, Counts local, ImageCounts? perImage)
    {
        var map = _height * _width;
        for (var unit = 0; unit < _units; unit++)
        {
            var source = values.AsSpan((int)((((long)image * _units) + unit) * map), map);
            var threshold = _thresholds[unit];
            var max = MapMax(source);
            if (float.IsNaN(max) || (_skipSilent && max <= threshold))
            {
                continue;
            }

            var (first, last) = Binarize(source, threshold, local.Tall, local.Bitmap);
            if (first > last)
            {
                continue;
            }

            var bitmap = local.Bitmap.AsSpan(first, last - first + 1);
            long area = 0;
            foreach (var word in bitmap)
            {
                area += BitOperations.PopCount(word);
            }

            // R3: |B[n,u] ∧ M[n,c]| and |B[n,u]| for each concept c the image carries.
            foreach (var row in rows)
            {
                var mask = masks.AsSpan((int)((row * _words) + first), bitmap.Length);
                long overlap = 0;
                for (var w = 0; w < bitmap.Length; w++)
                {
                    overlap += BitOperations.PopCount(bitmap[w] & mask[w]);
                }

                var index = (unit * _concepts) + conceptOfRow[(int)row];
                local.Intersections[index] += overlap;
                local.Areas[index] += area;
                if (perImage is not null)
                {
                    // Each image belongs to one thread: these cells are written by it alone.
                    perImage.RowOverlaps[(row * _units) + unit] = (int)overlap;
                }
            }

            if (perImage is not null)
            {
                perImage.ImageAreas[(image * _units) + unit] = (int)area;
            }

            bitmap.Clear();
        }
    }

    /// <summary>
    /// R3: B = upsampled map &gt; T_u, as bits of <paramref name="bitmap"/> (all zero on entry); returns the
    /// first and last word written (first &gt; last when none).
    /// </summary>
    private (int First, int Last) Binarize(ReadOnlySpan<float> map, float threshold, float[] tall, ulong[] bitmap)
    {
        // Rows: tall[y, x] = a + λ_y·(b − a) between map rows y0 and y1.
        for (var y = 0; y < _size; y++)
        {
            var (y0, y1, lambda) = _rows[y];
            for (var x = 0; x < _width; x++)
            {
                var a = map[(y0 * _width) + x];
                tall[(y * _width) + x] = a + (lambda * (map[(y1 * _width) + x] - a));
            }
        }

        int first = int.MaxValue, last = -1;
        var t = Vector256.Create(threshold);
        for (var y = 0; y < _size; y++)
        {
            var row = tall.AsSpan(y * _width, _width);
            if (_skipSilent && Max(row) <= threshold)
            {
                continue;
            }

            // Columns: value = a + λ_x·(b − a) between row cells I0 and I1, a run of columns at a time.
            foreach (var run in _runs)
            {
                var a = row[run.I0];
                var b = row[run.I1];
                if (_skipSilent && Math.Max(a, b) <= threshold)
                {
                    continue;
                }

                var va = Vector256.Create(a);
                var vd = Vector256.Create(b - a);
                for (var x = run.Start; x < run.End; x += Vector256<float>.Count)
                {
                    var lambdas = Vector256.Create(_lambdas.AsSpan(x, Vector256<float>.Count));
                    var bits = (ulong)Vector256.GreaterThan(va + (lambdas * vd), t).ExtractMostSignificantBits();
                    bits &= (1UL << Math.Min(Vector256<float>.Count, run.End - x)) - 1;
                    if (bits == 0)
                    {
                        continue;
                    }

                    var p = ((long)y * _size) + x;
                    var word = (int)(p >> 6);
                    var shift = (int)(p & 63);
                    bitmap[word] |= bits << shift;
                    first = Math.Min(first, word);
                    last = Math.Max(last, word);
                    if (shift > 64 - Vector256<float>.Count && bits >> (64 - shift) != 0)
                    {
                        bitmap[word + 1] |= bits >> (64 - shift);
                        last = Math.Max(last, word + 1);
                    }
                }
            }
        }

        return (first, last);
    }

    /// <summary>
    /// The largest value, or NaN if a value is not finite. NaN or ±∞ make the whole map inactive, as in the
    /// tensor path, where the products with the selection matrices (0·∞ = NaN) spread NaN to every pixel.
    /// </summary>
    private static float MapMax(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return float.NaN;
            }

            max = Math.Max(max, v);
        }

        return max;
    }

    /// <summary>The largest value that is not NaN: a NaN source gives NaN pixels, which are never active.</summary>
    private static float Max(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = v > max ? v : max;
        }

        return max;
    }

    /// <summary>One batch's counts per image: |B ∧ M| per mask row and unit (rows × U), |B| per image and unit (images × U).</summary>
    internal sealed record ImageCounts(int[] RowOverlaps, int[] ImageAreas);

    /// <summary>Output columns [Start, End) whose values lie between row cells I0 and I1.</summary>
    private readonly record struct ColumnRun(int Start, int End, int I0, int I1);

    /// <summary>One thread's counts and scratch space.</summary>
    private sealed class Counts(int cells, int tallValues, int words)
    {
        public long[] Intersections { get; } = new long[cells];

        public long[] Areas { get; } = new long[cells];

        public float[] Tall { get; } = new float[tallValues];

        public ulong[] Bitmap { get; } = new ulong[words];
    }
}
