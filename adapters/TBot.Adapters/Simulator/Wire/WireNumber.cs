using TBot.Engine.Numerics;

namespace TBot.Adapters.Simulator.Wire;

/// <summary>Formats fixed-point mantissas as the decimal text a venue sends, into a caller's span (no allocation).</summary>
public static class WireNumber
{
    /// <summary>Longest text a long mantissa can produce at any scale we use, with sign and point.</summary>
    public const int MaxLength = 48;

    /// <summary>Write <paramref name="mantissa"/> at <paramref name="scale"/> in <paramref name="style"/>; returns bytes written.</summary>
    public static int Format(long mantissa, int scale, NumberStyle style, Span<byte> destination)
    {
        switch (style)
        {
            case NumberStyle.Padded8 when scale < 8:
                // Pad by rescaling: 123 at scale 2 → 1_230_000_00 at scale 8 ("1.23000000").
                return FixedPoint.Format(mantissa * FixedPoint.Pow10(8 - scale), 8, destination);
            case NumberStyle.Trimmed:
                {
                    var n = FixedPoint.Format(mantissa, scale, destination);
                    if (scale == 0 || n <= 0) return n;
                    while (destination[n - 1] == (byte)'0') n--;
                    if (destination[n - 1] == (byte)'.') n--;
                    return n;
                }
            default:
                return FixedPoint.Format(mantissa, scale, destination);
        }
    }

    /// <summary>Convenience for tests and cold paths.</summary>
    public static string ToText(long mantissa, int scale, NumberStyle style)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var n = Format(mantissa, scale, style, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }
}
