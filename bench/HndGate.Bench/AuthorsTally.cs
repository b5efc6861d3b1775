using HndGate.Engine.Dissection;

namespace HndGate.Bench;

/// <summary>
/// The R3 tally done the way the authors' Python does it, for the speed comparison only: per image (a
/// thread pool over images), per unit, resize the map to the tally size (bilinear, half-pixel centres, as
/// OpenCV's INTER_LINEAR: per-axis source cells and weights computed once, a horizontal then a vertical
/// pass), threshold it, and sum intersections and unions pixel by pixel for each label the image carries.
/// Maps whose maximum is at or below the threshold are skipped, as theirs are. The arithmetic of each
/// pixel is <see cref="BilinearUpsampling"/>'s (a + λ·(b − a), rows first, float32), so the binary maps
/// are the same bit for bit and the counts can be compared exactly.
/// </summary>
internal static class AuthorsTally
{
    /// <param name="activations">N × U × h × w, row-major.</param>
    /// <param name="masks">Per image, the (concept, S×S binary mask) pairs it carries.</param>
    public static (long[,] Intersections, long[,] Unions) Run(
        float[] activations, int n, int u, int h, int w, float[] thresholds,
        IReadOnlyList<IReadOnlyList<(int Concept, byte[] Mask)>> masks, int concepts, int size)
    {
        var rows = Enumerable.Range(0, size).Select(d => BilinearUpsampling.Source(d, h, size)).ToArray();
        var columns = Enumerable.Range(0, size).Select(d => BilinearUpsampling.Source(d, w, size)).ToArray();
        var intersections = new long[u, concepts];
        var unions = new long[u, concepts];
        var gate = new object();
        Parallel.For(0, n, image =>
        {
            var localI = new long[u, concepts];
            var localU = new long[u, concepts];
            var tall = new float[size * w];
            var active = new bool[size * size];
            for (var unit = 0; unit < u; unit++)
            {
                var offset = ((long)image * u + unit) * h * w;
                var max = float.NegativeInfinity;
                for (var k = 0; k < h * w; k++)
                {
                    max = Math.Max(max, activations[offset + k]);
                }

                if (max <= thresholds[unit])
                {
                    continue;
                }

                Resize(activations, offset, w, rows, columns, tall, active, thresholds[unit]);
                foreach (var (concept, mask) in masks[image])
                {
                    long inter = 0, union = 0;
                    for (var p = 0; p < active.Length; p++)
                    {
                        var inMask = mask[p] != 0;
                        inter += active[p] && inMask ? 1 : 0;
                        union += active[p] || inMask ? 1 : 0;
                    }

                    localI[unit, concept] += inter;
                    localU[unit, concept] += union;
                }
            }

            lock (gate)
            {
                for (var unit = 0; unit < u; unit++)
                {
                    for (var c = 0; c < concepts; c++)
                    {
                        intersections[unit, c] += localI[unit, c];
                        unions[unit, c] += localU[unit, c];
                    }
                }
            }
        });
        return (intersections, unions);
    }

    /// <summary>One map resized to S × S and thresholded: <paramref name="active"/>[p] = value &gt; T_u.</summary>
    private static void Resize(
        float[] source, long offset, int w, (int I0, int I1, float Lambda)[] rows, (int I0, int I1, float Lambda)[] columns,
        float[] tall, bool[] active, float threshold)
    {
        var size = rows.Length;
        for (var y = 0; y < size; y++)
        {
            var (y0, y1, ly) = rows[y];
            for (var x = 0; x < w; x++)
            {
                var a = source[offset + (y0 * w) + x];
                tall[(y * w) + x] = a + (ly * (source[offset + (y1 * w) + x] - a));
            }
        }

        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (x0, x1, lx) = columns[x];
                var a = tall[(y * w) + x0];
                active[(y * size) + x] = a + (lx * (tall[(y * w) + x1] - a)) > threshold;
            }
        }
    }
}
