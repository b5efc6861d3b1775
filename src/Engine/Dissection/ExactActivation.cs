using System.Numerics;

namespace HndGate.Engine.Dissection;

/// <summary>
/// R3's "active" decided exactly: whether the bilinear value of one output pixel is strictly greater than T_u,
/// as real numbers, with no rounding. The tally computes every pixel in float32 (<see cref="BilinearUpsampling"/>),
/// which is off from the exact value by less than <see cref="Tolerance"/>; only a pixel whose float32 value lies
/// that close to T_u can be decided wrongly, and only those pixels come here. Without this, an exact tie (e.g.
/// neighbours of opposite sign whose weighted sum is exactly T_u) could be counted active by rounding, and an
/// implementation in other arithmetic would count otherwise.
/// </summary>
public static class ExactActivation
{
    /// <summary>
    /// An upper bound, with a wide margin, on how far the float32 value of a pixel can be from its exact value when
    /// its four source cells are at most <paramref name="largestMagnitude"/> in absolute value. Each axis computes
    /// a + λ·(b − a) with λ and three operations each rounded once (relative error 2^−24 each): at most 7·2^−24 of
    /// the largest cell per axis, 14·2^−24 for both; 2^−18 leaves a factor of four, which also covers rounding
    /// T_u ± this bound in float32 while |T_u| is near the cells (farther away no pixel is near T_u).
    /// </summary>
    public static float Tolerance(float largestMagnitude) => largestMagnitude * (1f / (1 << 18));

    /// <summary>
    /// Whether v &gt; <paramref name="threshold"/> exactly, where v is the bilinear value between the four cells
    /// (a00 at the rows' first and the columns' first source cell, a01 the columns' second, a10 the rows' second)
    /// with weights λ_y = <paramref name="rowNumerator"/>/<paramref name="rowDenominator"/> and
    /// λ_x = <paramref name="columnNumerator"/>/<paramref name="columnDenominator"/>:
    /// v = (1 − λ_y)((1 − λ_x)·a00 + λ_x·a01) + λ_y((1 − λ_x)·a10 + λ_x·a11). The cells are finite.
    /// </summary>
    public static bool IsAbove(
        float a00, float a01, float a10, float a11, long rowNumerator, long rowDenominator, long columnNumerator, long columnDenominator, float threshold)
    {
        // The weights sum to one, so v − T = Σ w·(a − T); times the two denominators every weight is an integer.
        var (ny, dy, nx, dx) = (rowNumerator, rowDenominator, columnNumerator, columnDenominator);
        Span<(BigInteger Weight, float Cell)> terms =
        [
            ((BigInteger)(dy - ny) * (dx - nx), a00),
            ((BigInteger)(dy - ny) * nx, a01),
            ((BigInteger)ny * (dx - nx), a10),
            ((BigInteger)ny * nx, a11),
        ];

        // Every float is m·2^e with an integer m: scaled by 2^−(least e), all of them are integers.
        var least = Exponent(threshold);
        foreach (var (_, cell) in terms)
        {
            least = Math.Min(least, Exponent(cell));
        }

        var sum = BigInteger.Zero;
        var scaledThreshold = Scaled(threshold, least);
        foreach (var (weight, cell) in terms)
        {
            sum += weight * (Scaled(cell, least) - scaledThreshold);
        }

        return sum.Sign > 0;
    }

    /// <summary>The exponent e of <paramref name="value"/> = m·2^e with m the integer significand (0 for zero).</summary>
    private static int Exponent(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        var biased = (bits >> 23) & 0xFF;
        return biased == 0 ? -149 : biased - 150;
    }

    /// <summary><paramref name="value"/> · 2^−<paramref name="least"/>, an integer since <paramref name="least"/> is at most its exponent.</summary>
    private static BigInteger Scaled(float value, int least)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        var biased = (bits >> 23) & 0xFF;
        var significand = biased == 0 ? bits & 0x7FFFFF : (bits & 0x7FFFFF) | 0x800000;
        var magnitude = (BigInteger)significand << (Exponent(value) - least);
        return bits < 0 ? -magnitude : magnitude;
    }
}
