using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// R3's counts on the host, for CPU runs, where a tensor call per step costs more than the step: each binary
/// map B[n,u] is built straight into a bitmap and intersected with the bitmaps of the image's masks
/// (<see cref="ConceptMaskBitmaps"/>) by popcount, images on parallel workers that keep their counts and
/// scratch space from batch to batch. The activations are read in place from the tensor's memory (float32 or
/// float16), never copied. The arithmetic of every pixel is <see cref="BilinearUpsampling"/>'s
/// (a + λ·(b − a) in float32, rows first, each operation rounded once), and a pixel within rounding distance of
/// T_u is decided by its exact value (<see cref="ExactActivation"/>), as the tensor path decides it.
/// Because no upsampled value leaves [min(a, b), max(a, b)] of its two sources, a map whose maximum is ≤ T_u
/// and a patch of output pixels whose four source cells are ≤ T_u are inactive and skipped without being
/// computed (the first test reads each map as one or two vectors); along a run of columns the values are
/// monotone, so a row's active pixels in it are found by bisection, not pixel by pixel.
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
    private readonly short[] _halfThresholds;
    private readonly (int I0, int I1, float Lambda)[] _rows;
    private readonly long[] _rowNumerators;
    private readonly Run[] _runs;
    private readonly Run[] _rowRuns;
    private readonly float[] _lambdas;
    private readonly long[] _columnNumerators;
    private readonly long _denominator;
    private readonly bool _skipSilent;
    private readonly List<Worker> _workers = [];

    /// <param name="skipSilent">false computes every map, row and column run, for tests that skipping changes nothing.</param>
    public HostIouCounter(float[] thresholds, int concepts, int mapHeight, int mapWidth, int tallySize, bool skipSilent)
    {
        _units = thresholds.Length;
        _concepts = concepts;
        _height = mapHeight;
        _width = mapWidth;
        _size = tallySize;
        _words = ConceptMaskBitmaps.WordsFor(tallySize);
        _thresholds = thresholds;
        _halfThresholds = [.. thresholds.Select(HalfKeyAtMost)];
        _skipSilent = skipSilent;
        _rows = Enumerable.Range(0, tallySize).Select(d => BilinearUpsampling.Source(d, mapHeight, tallySize)).ToArray();
        _rowNumerators = Enumerable.Range(0, tallySize).Select(d => BilinearUpsampling.ExactSource(d, mapHeight, tallySize).Numerator).ToArray();
        _columnNumerators = Enumerable.Range(0, tallySize).Select(d => BilinearUpsampling.ExactSource(d, mapWidth, tallySize).Numerator).ToArray();
        _denominator = 2L * tallySize;

        // Output columns with the same two source cells form runs, along which λ rises.
        var runs = new List<Run>();
        _lambdas = new float[tallySize];
        for (var x = 0; x < tallySize; x++)
        {
            var (i0, i1, lambda) = BilinearUpsampling.Source(x, mapWidth, tallySize);
            _lambdas[x] = lambda;
            if (runs.Count > 0 && runs[^1].I0 == i0 && runs[^1].I1 == i1)
            {
                if (lambda < _lambdas[x - 1])
                {
                    throw new InvalidOperationException($"λ falls within a run of columns at {x} of {tallySize}: the tally's bisection needs it to rise");
                }

                runs[^1] = runs[^1] with { End = x + 1 };
            }
            else
            {
                runs.Add(new Run(x, x + 1, i0, i1));
            }
        }

        _runs = [.. runs];
        _rowRuns = [.. _rows.Select((r, y) => new Run(y, y + 1, r.I0, r.I1))
            .Aggregate(new List<Run>(), (all, r) =>
            {
                if (all.Count > 0 && all[^1].I0 == r.I0 && all[^1].I1 == r.I1)
                {
                    all[^1] = all[^1] with { End = r.End };
                }
                else
                {
                    all.Add(r);
                }

                return all;
            })];
    }

    /// <summary>
    /// Counts one batch into the workers' totals (see <see cref="Drain"/>): |B ∧ M| and |B| for every
    /// (image, concept) mask row.
    /// </summary>
    /// <param name="values">The batch's maps, images × Units × h × w, float32 or float16, contiguous, on the CPU.</param>
    /// <param name="masks">The batch's mask bitmaps.</param>
    /// <param name="rowStart">Image n's mask rows are <paramref name="rowOrder"/>[rowStart[n] .. rowStart[n + 1]).</param>
    /// <param name="threads">Images counted at once.</param>
    /// <param name="perImage">Also each image's own counts (the bootstrap's), all zero on entry; null: only the totals.</param>
    public void Count(Tensor values, ConceptMaskBitmaps masks, int[] rowStart, int[] rowOrder, int threads, ImageCounts? perImage = null)
    {
        var images = rowStart.Length - 1;
        var workers = Math.Clamp(threads, 1, Math.Max(1, images));
        while (_workers.Count < workers)
        {
            _workers.Add(new Worker(_units * _concepts, _width, _words, _height * _width, _runs.Length));
        }

        var half = values.dtype == ScalarType.Float16;
        var next = -1;
        void Work(int w)
        {
            // A view of the tensor's memory, taken on each worker (spans cannot be shared between threads).
            var bytes = values.bytes;
            var worker = _workers[w];
            int image;
            while ((image = Interlocked.Increment(ref next)) < images)
            {
                var rows = rowOrder.AsSpan(rowStart[image], rowStart[image + 1] - rowStart[image]);
                if (rows.Length == 0)
                {
                    continue;
                }

                if (half)
                {
                    CountImage(MemoryMarshal.Cast<byte, short>(bytes), image, masks, rows, worker, perImage);
                }
                else
                {
                    CountImage(MemoryMarshal.Cast<byte, float>(bytes), image, masks, rows, worker, perImage);
                }
            }
        }

        if (workers == 1)
        {
            Work(0);
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, Work);
        }
    }

    /// <summary>Adds the workers' totals to <paramref name="intersections"/> and <paramref name="activationAreas"/> (Units × Concepts, row-major) and zeroes them.</summary>
    public void Drain(long[] intersections, long[] activationAreas)
    {
        foreach (var worker in _workers)
        {
            for (var i = 0; i < intersections.Length; i++)
            {
                intersections[i] += worker.Intersections[i];
                activationAreas[i] += worker.Areas[i];
            }

            Array.Clear(worker.Intersections);
            Array.Clear(worker.Areas);
        }
    }

    private void CountImage(ReadOnlySpan<float> values, int image, ConceptMaskBitmaps masks, ReadOnlySpan<int> rows, Worker worker, ImageCounts? perImage)
    {
        var map = _height * _width;
        for (var unit = 0; unit < _units; unit++)
        {
            var source = values.Slice((int)((((long)image * _units) + unit) * map), map);
            if (!_skipSilent || Exceeds(source, _thresholds[unit]))
            {
                CountMap(source, image, unit, masks, rows, worker, perImage);
            }
        }
    }

    private void CountImage(ReadOnlySpan<short> values, int image, ConceptMaskBitmaps masks, ReadOnlySpan<int> rows, Worker worker, ImageCounts? perImage)
    {
        var map = _height * _width;
        for (var unit = 0; unit < _units; unit++)
        {
            var source = values.Slice((int)((((long)image * _units) + unit) * map), map);
            if (_skipSilent && !Exceeds(source, _halfThresholds[unit]))
            {
                continue;
            }

            // float16 → float32 is exact; only the maps that can be active are converted.
            for (var i = 0; i < map; i++)
            {
                worker.Map[i] = (float)BitConverter.Int16BitsToHalf(source[i]);
            }

            CountMap(worker.Map, image, unit, masks, rows, worker, perImage);
        }
    }

    /// <remarks>A map skipped or inactive leaves its per-image counts at zero, as they came.</remarks>
    private void CountMap(ReadOnlySpan<float> source, int image, int unit, ConceptMaskBitmaps masks, ReadOnlySpan<int> rows, Worker worker, ImageCounts? perImage)
    {
        // NaN or ±∞ make the whole map inactive, as in the tensor path, where the products with the selection
        // matrices (0·∞ = NaN) spread NaN to every pixel.
        if (!AllFinite(source))
        {
            return;
        }

        var (first, last) = Binarize(source, _thresholds[unit], worker);
        if (first > last)
        {
            return;
        }

        var bitmap = worker.Bitmap.AsSpan(first, last - first + 1);
        long area = 0;
        foreach (var word in bitmap)
        {
            area += BitOperations.PopCount(word);
        }

        // R3: |B[n,u] ∧ M[n,c]| and |B[n,u]| for each concept c the image carries, over the words both touch.
        foreach (var row in rows)
        {
            var (maskFirst, maskLast) = masks.Span(row);
            var from = Math.Max(first, maskFirst);
            var to = Math.Min(last, maskLast);
            long overlap = 0;
            if (from <= to)
            {
                var mask = masks.Row(row).Slice(from, to - from + 1);
                var active = worker.Bitmap.AsSpan(from, to - from + 1);
                for (var w = 0; w < active.Length; w++)
                {
                    overlap += BitOperations.PopCount(active[w] & mask[w]);
                }
            }

            var index = (unit * _concepts) + masks.Concepts[row];
            worker.Intersections[index] += overlap;
            worker.Areas[index] += area;
            if (perImage is not null)
            {
                // Each image is counted by one worker: these cells are written by it alone.
                perImage.RowOverlaps[(row * _units) + unit] = (int)overlap;
            }
        }

        if (perImage is not null)
        {
            perImage.ImageAreas[(image * _units) + unit] = (int)area;
        }

        bitmap.Clear();
    }

    /// <summary>
    /// R3: B = upsampled map &gt; T_u, as bits of the worker's bitmap (all zero on entry); returns the first and
    /// last word written (first &gt; last when none). The map is finite.
    /// </summary>
    private (int First, int Last) Binarize(ReadOnlySpan<float> map, float threshold, Worker worker)
    {
        int first = int.MaxValue, last = -1;
        var row = worker.Row.AsSpan(0, _width);
        var live = worker.LiveRuns;
        foreach (var rowRun in _rowRuns)
        {
            // A run of rows and a run of columns share four source cells, and no value between them exceeds the
            // largest: only the column runs whose four cells reach above T_u can be active on these rows.
            var (top, bottom) = (rowRun.I0 * _width, rowRun.I1 * _width);
            var count = 0;
            for (var r = 0; r < _runs.Length; r++)
            {
                var (x0, x1) = (_runs[r].I0, _runs[r].I1);
                var (a00, a01, a10, a11) = (map[top + x0], map[top + x1], map[bottom + x0], map[bottom + x1]);
                if (!_skipSilent || Math.Max(Math.Max(a00, a01), Math.Max(a10, a11)) > threshold)
                {
                    var largest = Math.Max(Math.Max(Math.Abs(a00), Math.Abs(a01)), Math.Max(Math.Abs(a10), Math.Abs(a11)));
                    worker.LivePatches[count] = new Patch(a00, a01, a10, a11, ExactActivation.Tolerance(largest));
                    live[count++] = r;
                }
            }

            for (var y = rowRun.Start; y < rowRun.End && count > 0; y++)
            {
                // Rows: row[x] = a + λ_y·(b − a) between map rows y0 and y1.
                var lambda = _rows[y].Lambda;
                for (var x = 0; x < _width; x++)
                {
                    var a = map[top + x];
                    row[x] = a + (lambda * (map[bottom + x] - a));
                }

                for (var i = 0; i < count; i++)
                {
                    var run = _runs[live[i]];
                    if (ActiveColumns(row[run.I0], row[run.I1], run, threshold, worker.LivePatches[i], _rowNumerators[y]) is (var from, var to))
                    {
                        var offset = (long)y * _size;
                        var (firstWord, lastWord) = SetBits(worker.Bitmap, offset + from, offset + to);
                        first = Math.Min(first, firstWord);
                        last = Math.Max(last, lastWord);
                    }
                }
            }
        }

        return (first, last);
    }

    /// <summary>
    /// The active columns [From, To] of a run on one row, or null: value = a + λ_x·(b − a) between the row's cells
    /// I0 (a) and I1 (b). Within a run λ_x rises with x and every operation rounds monotonically, so the float32
    /// values rise (b ≥ a) or fall (b &lt; a) along the run, and so do the exact values, which are linear in λ_x:
    /// the active columns are a suffix or a prefix of the run. Its end is found by bisection on the float32
    /// values, then moved over the pixels within <paramref name="tolerance"/> of T_u by their exact values
    /// (<see cref="ExactActivation"/>), which settles ties exactly.
    /// </summary>
    private (int From, int To)? ActiveColumns(float a, float b, Run run, float threshold, in Patch patch, long rowNumerator)
    {
        var tolerance = patch.Tolerance;
        var (low, high) = (threshold - tolerance, threshold + tolerance);
        if (_skipSilent && Math.Max(a, b) < low)
        {
            return null;
        }

        var d = b - a;
        if (Math.Abs(d) <= 4 * tolerance)
        {
            // So flat that the exact values may rise where the float32 ones fall: each pixel on its own.
            return EachColumn(a, d, run, threshold, low, high, patch, rowNumerator);
        }

        if (d > 0)
        {
            // The first active column: lo is inactive or before the run, hi is active or after it.
            int lo = run.Start - 1, hi = run.End;
            while (hi - lo > 1)
            {
                var mid = (lo + hi) >> 1;
                (lo, hi) = a + (_lambdas[mid] * d) > threshold ? (lo, mid) : (mid, hi);
            }

            var first = hi;
            while (first > run.Start && a + (_lambdas[first - 1] * d) >= low && IsAbove(patch, rowNumerator, first - 1, threshold))
            {
                first--;
            }

            while (first < run.End && a + (_lambdas[first] * d) <= high && !IsAbove(patch, rowNumerator, first, threshold))
            {
                first++;
            }

            return first < run.End ? (first, run.End - 1) : null;
        }
        else
        {
            // The last active column: lo is active or before the run, hi is inactive or after it.
            int lo = run.Start - 1, hi = run.End;
            while (hi - lo > 1)
            {
                var mid = (lo + hi) >> 1;
                (lo, hi) = a + (_lambdas[mid] * d) > threshold ? (mid, hi) : (lo, mid);
            }

            var last = lo;
            while (last < run.End - 1 && a + (_lambdas[last + 1] * d) >= low && IsAbove(patch, rowNumerator, last + 1, threshold))
            {
                last++;
            }

            while (last >= run.Start && a + (_lambdas[last] * d) <= high && !IsAbove(patch, rowNumerator, last, threshold))
            {
                last--;
            }

            return last >= run.Start ? (run.Start, last) : null;
        }
    }

    /// <summary>The active columns of a nearly flat run, pixel by pixel; the exact values are linear, so they are one range.</summary>
    private (int From, int To)? EachColumn(float a, float d, Run run, float threshold, float low, float high, in Patch patch, long rowNumerator)
    {
        int from = int.MaxValue, to = -1;
        for (var x = run.Start; x < run.End; x++)
        {
            var value = a + (_lambdas[x] * d);
            if (value > high || (value >= low && IsAbove(patch, rowNumerator, x, threshold)))
            {
                from = Math.Min(from, x);
                to = x;
            }
        }

        return to >= 0 ? (from, to) : null;
    }

    private bool IsAbove(in Patch p, long rowNumerator, int column, float threshold) =>
        ExactActivation.IsAbove(p.A00, p.A01, p.A10, p.A11, rowNumerator, _denominator, _columnNumerators[column], _denominator, threshold);

    /// <summary>Sets bits [<paramref name="from"/>, <paramref name="to"/>] of <paramref name="bitmap"/>; returns the first and last word.</summary>
    private static (int First, int Last) SetBits(ulong[] bitmap, long from, long to)
    {
        var (first, last) = ((int)(from >> 6), (int)(to >> 6));
        var head = ~0UL << (int)(from & 63);
        var tail = ~0UL >> (63 - (int)(to & 63));
        if (first == last)
        {
            bitmap[first] |= head & tail;
        }
        else
        {
            bitmap[first] |= head;
            bitmap.AsSpan(first + 1, last - first - 1).Fill(~0UL);
            bitmap[last] |= tail;
        }

        return (first, last);
    }

    /// <summary>Whether any value is &gt; <paramref name="threshold"/> (NaN is not): false means B is empty.</summary>
    private static bool Exceeds(ReadOnlySpan<float> values, float threshold)
    {
        var i = 0;
        var t = Vector256.Create(threshold);
        var above = Vector256<float>.Zero;
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            above |= Vector256.GreaterThan(Vector256.Create(values.Slice(i, Vector256<float>.Count)), t);
        }

        var any = above != Vector256<float>.Zero;
        for (; i < values.Length; i++)
        {
            any |= values[i] > threshold;
        }

        return any;
    }

    /// <summary>
    /// Whether any float16 value (as its bits) is greater than the one whose key is <paramref name="key"/>
    /// (<see cref="HalfKeyAtMost"/>): false means every value is ≤ T_u, or NaN, and B is empty.
    /// </summary>
    private static bool Exceeds(ReadOnlySpan<short> bits, short key)
    {
        var i = 0;
        var k = Vector256.Create(key);
        var magnitude = Vector256.Create((short)0x7FFF);
        var above = Vector256<short>.Zero;
        for (; i + Vector256<short>.Count <= bits.Length; i += Vector256<short>.Count)
        {
            var v = Vector256.Create(bits.Slice(i, Vector256<short>.Count));
            above |= Vector256.GreaterThan(v ^ (Vector256.ShiftRightArithmetic(v, 15) & magnitude), k);
        }

        var any = above != Vector256<short>.Zero;
        for (; i < bits.Length; i++)
        {
            any |= OrderKey(bits[i]) > key;
        }

        return any;
    }

    /// <summary>
    /// The bits of a float16 value turned into a short whose order is the values' order (−0 just below +0;
    /// NaN with the sign bit below −∞, without it above +∞).
    /// </summary>
    private static short OrderKey(short bits) => (short)(bits ^ ((bits >> 15) & 0x7FFF));

    /// <summary>
    /// The order key of the largest float16 value that is ≤ <paramref name="threshold"/> as float32, so that a
    /// float16 value v is ≤ T_u exactly when its key is ≤ this. A NaN threshold (nothing is above it) gives the
    /// largest key, so every map is skipped, as its bitmap would be empty.
    /// </summary>
    private static short HalfKeyAtMost(float threshold)
    {
        if (float.IsNaN(threshold))
        {
            return short.MaxValue;
        }

        var half = (Half)threshold;
        if ((float)half > threshold)
        {
            half = Half.BitDecrement(half);
        }

        return OrderKey(BitConverter.HalfToInt16Bits(half));
    }

    /// <summary>Whether no value is NaN or ±∞.</summary>
    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One batch's counts per image: |B ∧ M| per mask row and unit (rows × U), |B| per image and unit (images × U).</summary>
    internal sealed record ImageCounts(int[] RowOverlaps, int[] ImageAreas);

    /// <summary>Output rows or columns [Start, End) whose values lie between source cells I0 and I1.</summary>
    private readonly record struct Run(int Start, int End, int I0, int I1);

    /// <summary>
    /// The four source cells of a run of rows × a run of columns (rows I0/I1 × columns I0/I1), and how far the
    /// float32 values between them may be from the exact ones (<see cref="ExactActivation.Tolerance"/>).
    /// </summary>
    private readonly record struct Patch(float A00, float A01, float A10, float A11, float Tolerance);

    /// <summary>One worker's counts, kept until drained, and its scratch space.</summary>
    private sealed class Worker(int cells, int width, int words, int map, int runs)
    {
        public long[] Intersections { get; } = new long[cells];

        public long[] Areas { get; } = new long[cells];

        /// <summary>One output row after the row stage.</summary>
        public float[] Row { get; } = new float[width];

        public ulong[] Bitmap { get; } = new ulong[words];

        /// <summary>A float16 map converted to float32.</summary>
        public float[] Map { get; } = new float[map];

        /// <summary>The column runs that can be active on the current run of rows.</summary>
        public int[] LiveRuns { get; } = new int[runs];

        /// <summary>For each of <see cref="LiveRuns"/>, its patch on the current run of rows, read once for all its rows.</summary>
        public Patch[] LivePatches { get; } = new Patch[runs];
    }
}
