using System.Numerics;

namespace HndGate.Engine.Tests.Dissection;

/// <summary>An exact rational number (denominator positive), for <see cref="NaiveHnd"/>'s upsampled values.</summary>
internal readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator) : IComparable<Fraction>
{
    public static Fraction One => new(1, 1);

    /// <summary>The exact value of a finite float: its double is exact, and a double is m·2^e.</summary>
    public static Fraction Of(float value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0 && mantissa == 0)
        {
            return new(0, 1);
        }

        var significand = exponent == 0 ? mantissa : mantissa | (1L << 52);
        var power = (exponent == 0 ? 1 : exponent) - 1075;
        var numerator = bits < 0 ? -(BigInteger)significand : significand;
        return power >= 0 ? new(numerator << power, 1) : new(numerator, BigInteger.One << -power);
    }

    public static Fraction operator +(Fraction a, Fraction b) => new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) => new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
}
