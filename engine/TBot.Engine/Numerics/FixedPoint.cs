using System.Runtime.CompilerServices;

namespace TBot.Engine.Numerics;

/// <summary>
/// Fixed-point decimals as <c>long</c> mantissas with a number of decimal places ("scale"): 25.3519 at
/// scale 8 is 2_535_190_000. Parsing reads ASCII decimal text (as exchanges send prices and sizes) without
/// allocating; rescaling tells whether digits would be lost, which is how tick/step precision is enforced.
/// </summary>
public static class FixedPoint
{
    /// <summary>Largest scale supported (10^18 still fits a long).</summary>
    public const int MaxScale = 18;

    private static readonly long[] Pow10Table =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Pow10(int exponent) => Pow10Table[exponent];

    /// <summary>
    /// Parse "123", "-0.0015", "25.35190000" (optionally "1e-5" / "1.5E+3") into a mantissa and the number
    /// of decimals written. Trailing zeros after the point are kept in the scale ("1.50" → 150, scale 2) so
    /// that the original text can be reproduced (OKX checksums need it). Returns false on anything else,
    /// or when the value does not fit.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long mantissa, out int scale)
    {
        mantissa = 0;
        scale = 0;
        if (text.IsEmpty) return false;
        var i = 0;
        var negative = false;
        if (text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        else if (text[0] == (byte)'+')
        {
            i = 1;
        }
        if (i >= text.Length) return false;

        ulong acc = 0;
        var digits = 0;
        var sawPoint = false;
        var sawDigit = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                sawDigit = true;
                // Leading zeros do not count towards the 18 significant digits a long holds.
                if (acc == 0 && d == 0)
                {
                    if (sawPoint) scale++;
                    continue;
                }
                if (digits >= 18) return false;
                acc = acc * 10 + d;
                digits++;
                if (sawPoint) scale++;
            }
            else if (c == (byte)'.' && !sawPoint)
            {
                sawPoint = true;
            }
            else if ((c == (byte)'e' || c == (byte)'E') && sawDigit)
            {
                if (!TryParseExponent(text[(i + 1)..], out var exp)) return false;
                scale -= exp;
                break;
            }
            else
            {
                return false;
            }
        }
        if (!sawDigit) return false;
        if (scale < 0)
        {
            // "1.5E+3": fold the positive exponent into the mantissa.
            if (-scale > MaxScale) return false;
            var m = acc * (ulong)Pow10(-scale);
            if (acc != 0 && m / (ulong)Pow10(-scale) != acc) return false;
            acc = m;
            scale = 0;
        }
        if (scale > MaxScale || acc > long.MaxValue) return false;
        mantissa = negative ? -(long)acc : (long)acc;
        return true;
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> text, out int exponent)
    {
        exponent = 0;
        if (text.IsEmpty) return false;
        var i = 0;
        var negative = false;
        if (text[0] == (byte)'-' || text[0] == (byte)'+')
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }
        if (i >= text.Length) return false;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9 || exponent > 100) return false;
            exponent = exponent * 10 + (int)d;
        }
        if (negative) exponent = -exponent;
        return true;
    }

    /// <summary>
    /// Parse and express at <paramref name="targetScale"/>. False when the text is not a number, does not
    /// fit, or has non-zero digits beyond <paramref name="targetScale"/> (finer than the instrument allows).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, int targetScale, out long value)
    {
        value = 0;
        return TryParse(text, out var m, out var s) && TryRescale(m, s, targetScale, out value);
    }

    /// <summary>Express <paramref name="mantissa"/> (at <paramref name="fromScale"/>) at <paramref name="toScale"/>;
    /// false if that would drop non-zero digits or overflow.</summary>
    public static bool TryRescale(long mantissa, int fromScale, int toScale, out long value)
    {
        if (fromScale == toScale)
        {
            value = mantissa;
            return true;
        }
        if (toScale > fromScale)
        {
            var diff = toScale - fromScale;
            if (diff > MaxScale)
            {
                value = 0;
                return mantissa == 0;
            }
            var f = Pow10(diff);
            var r = mantissa * f;
            if (mantissa != 0 && (r / f != mantissa))
            {
                value = 0;
                return false;
            }
            value = r;
            return true;
        }
        var down = fromScale - toScale;
        if (down > MaxScale)
        {
            value = 0;
            return mantissa == 0;
        }
        var p = Pow10(down);
        var q = Math.DivRem(mantissa, p, out var rem);
        value = q;
        return rem == 0;
    }

    /// <summary>Write <paramref name="mantissa"/> at <paramref name="scale"/> as plain decimal text with exactly
    /// <paramref name="scale"/> decimals ("8477.0" for 84770 at scale 1). Returns bytes written, or -1 if too small.</summary>
    public static int Format(long mantissa, int scale, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[20];
        var negative = mantissa < 0;
        var u = negative ? (ulong)(-(mantissa + 1)) + 1 : (ulong)mantissa;
        var n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(u % 10));
            u /= 10;
        } while (u != 0);
        // Pad so that there is at least one digit before the point.
        while (n <= scale) digits[n++] = (byte)'0';
        var length = n + (negative ? 1 : 0) + (scale > 0 ? 1 : 0);
        if (length > destination.Length) return -1;
        var w = 0;
        if (negative) destination[w++] = (byte)'-';
        for (var i = n - 1; i >= 0; i--)
        {
            destination[w++] = digits[i];
            if (i == scale && scale > 0) destination[w++] = (byte)'.';
        }
        return w;
    }

    /// <summary>Human/edge formatting (allocates): trailing zeros trimmed, e.g. "25.3519".</summary>
    public static string ToDecimalString(long mantissa, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = Format(mantissa, scale, buffer);
        var text = System.Text.Encoding.ASCII.GetString(buffer[..n]);
        if (scale > 0)
        {
            text = text.TrimEnd('0');
            if (text.EndsWith('.')) text = text[..^1];
        }
        return text;
    }

    /// <summary>Edge conversion to <see cref="decimal"/> (storage, reports). Never on the hot path.</summary>
    public static decimal ToDecimal(long mantissa, int scale)
    {
        var negative = mantissa < 0;
        var abs = negative ? (ulong)(-(mantissa + 1)) + 1 : (ulong)mantissa;
        return new decimal((int)(uint)abs, (int)(uint)(abs >> 32), 0, negative, (byte)scale);
    }

    /// <summary>Edge conversion from <see cref="decimal"/>; false when digits would be lost.</summary>
    public static bool TryFromDecimal(decimal value, int scale, out long mantissa)
    {
        mantissa = 0;
        var scaled = value * Pow10(scale);
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue) return false;
        mantissa = (long)scaled;
        return true;
    }
}
