using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// R3: bilinear upsampling with align_corners = false, in float32, and the binary maps B = value &gt; T_u
/// (<see cref="Active"/>) decided as the exact values would be. Along each axis the source coordinate of output index d is src = (d + 0.5)·in/out − 0.5 =
/// ((2d + 1)·in − out) / (2·out), clamped at 0; i0 = floor(src), i1 = min(i0 + 1, in − 1), and
/// λ = src − i0 is that exact fraction rounded once to float32. Rows first, then columns, each step is
/// v = a + λ·(b − a) with each of the three float32 operations rounded once. Hence equal neighbours give
/// their value exactly (a flat region at T_u stays inactive), and no output leaves [min(a, b), max(a, b)]
/// (so a map whose maximum is ≤ T_u may be skipped): λ ≤ 1 − 1/(2·out), a margin wider than the at most
/// 2^−23 relative rounding of b − a and λ·(b − a) while out ≤ 2^22. a and b − a are products with 0/±1
/// selection matrices: every term but one or two is an exact zero, so any summation order gives exactly a
/// and the rounded b − a, and the work is a batched matrix product. This needs float32 matrix products at
/// full precision (LibTorch's default; TF32 on a GPU would round the activations). Other ties, e.g. cells of
/// opposite sign whose weighted sum is exactly T_u, can round to either side: pixels that close to T_u are
/// decided by <see cref="ExactActivation"/>.
/// </summary>
public sealed class BilinearUpsampling : IDisposable
{
    // λ's denominator 2·out must be exact in float32.
    private const int MaxOutput = 1 << 22;

    private readonly Axis _rows;
    private readonly Axis _columns;

    public BilinearUpsampling(int inputHeight, int inputWidth, int outputHeight, int outputWidth, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputHeight, MaxOutput);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputWidth, MaxOutput);
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
        _rows = new Axis(inputHeight, outputHeight, device);
        _columns = new Axis(inputWidth, outputWidth, device);
    }

    public int InputHeight { get; }

    public int InputWidth { get; }

    public int OutputHeight { get; }

    public int OutputWidth { get; }

    /// <summary>
    /// The source cells and weight of output index <paramref name="d"/> along an axis of
    /// <paramref name="input"/> → <paramref name="output"/> cells (align_corners = false).
    /// </summary>
    public static (int I0, int I1, float Lambda) Source(int d, int input, int output)
    {
        var (i0, i1, numerator, denominator) = ExactSource(d, input, output);

        // Both integers are below 2^24, so the float32 division rounds the exact fraction once.
        return (i0, i1, (float)numerator / denominator);
    }

    /// <summary>As <see cref="Source"/>, with the weight as the exact fraction λ = Numerator / Denominator (Denominator = 2·output).</summary>
    public static (int I0, int I1, long Numerator, long Denominator) ExactSource(int d, int input, int output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(output, MaxOutput);
        long numerator = ((2L * d) + 1) * input - output;
        long denominator = 2L * output;
        if (numerator <= 0)
        {
            return (0, Math.Min(1, input - 1), 0, denominator);
        }

        var i0 = (int)(numerator / denominator);
        return (i0, Math.Min(i0 + 1, input - 1), numerator % denominator, denominator);
    }

    /// <summary>Upsamples maps P × h × w (float32) to P × outH × outW float32; the caller owns the result.</summary>
    public Tensor Apply(Tensor maps)
    {
        if (maps.dim() != 3 || maps.shape[1] != InputHeight || maps.shape[2] != InputWidth || maps.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"maps must be float32 P × {InputHeight} × {InputWidth}; got {maps.dtype} [{string.Join(", ", maps.shape)}]", nameof(maps));
        }

        using var scope = torch.NewDisposeScope();
        var tall = _rows.Interpolate(maps.transpose(1, 2)).transpose(1, 2);
        return _columns.Interpolate(tall).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// R3's binary maps: the upsampled maps (P × h × w float32) strictly greater than their unit's T_u
    /// (<paramref name="thresholds"/>, P values), as float32 0/1, P × outH × outW; the caller owns the result. The
    /// few pixels whose float32 value lies within <see cref="ExactActivation.Tolerance"/> of T_u are decided by
    /// their exact values, as the host tally decides them.
    /// </summary>
    public Tensor Active(Tensor maps, Tensor thresholds)
    {
        using var scope = torch.NewDisposeScope();
        var upsampled = Apply(maps);
        var t = thresholds.view(-1, 1, 1);
        var binary = upsampled.gt(t).to(ScalarType.Float32);
        var tolerance = maps.abs().amax([1, 2]).mul_(ExactActivation.Tolerance(1)).view(-1, 1, 1);
        var near = upsampled.sub_(t).abs_().le_(tolerance);
        if (near.any().item<bool>())
        {
            var where = near.nonzero().cpu();
            var pixels = where.data<long>().ToArray();
            var cells = maps.cpu().contiguous().data<float>().ToArray();
            var values = thresholds.cpu().contiguous().data<float>().ToArray();
            var decided = new float[pixels.Length / 3];
            for (var i = 0; i < decided.Length; i++)
            {
                var (p, y, x) = ((int)pixels[3 * i], (int)pixels[(3 * i) + 1], (int)pixels[(3 * i) + 2]);
                var (y0, y1, ny, dy) = ExactSource(y, InputHeight, OutputHeight);
                var (x0, x1, nx, dx) = ExactSource(x, InputWidth, OutputWidth);
                float Cell(int row, int column) => cells[(((long)p * InputHeight) + row) * InputWidth + column];
                decided[i] = ExactActivation.IsAbove(Cell(y0, x0), Cell(y0, x1), Cell(y1, x0), Cell(y1, x1), ny, dy, nx, dx, values[p]) ? 1 : 0;
            }

            var onDevice = where.to(binary.device);
            binary.index_put_(torch.tensor(decided, device: binary.device), onDevice[.., 0], onDevice[.., 1], onDevice[.., 2]);
        }

        return binary.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _rows.Dispose();
        _columns.Dispose();
    }

    private sealed class Axis : IDisposable
    {
        private readonly Tensor _first;
        private readonly Tensor _difference;
        private readonly Tensor _lambda;

        public Axis(int input, int output, Device? device)
        {
            // Column d selects a = x[i0] and b − a = x[i1] − x[i0] (a zero column where i1 = i0).
            var first = new float[input * output];
            var difference = new float[input * output];
            var weights = new float[output];
            for (var d = 0; d < output; d++)
            {
                (var i0, var i1, weights[d]) = Source(d, input, output);
                first[(i0 * output) + d] = 1;
                difference[(i1 * output) + d] += 1;
                difference[(i0 * output) + d] -= 1;
            }

            _first = torch.tensor(first, [input, output], device: device).DetachFromDisposeScope();
            _difference = torch.tensor(difference, [input, output], device: device).DetachFromDisposeScope();
            _lambda = torch.tensor(weights, device: device).DetachFromDisposeScope();
        }

        /// <summary>One axis of R3's upsampling along the last dimension of <paramref name="maps"/>: a + λ·(b − a).</summary>
        public Tensor Interpolate(Tensor maps)
        {
            var a = maps.matmul(_first);
            return maps.matmul(_difference).mul_(_lambda).add_(a);
        }

        public void Dispose()
        {
            _first.Dispose();
            _difference.Dispose();
            _lambda.Dispose();
        }
    }
}
