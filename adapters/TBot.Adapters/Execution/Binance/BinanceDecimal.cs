using TBot.Engine.Numerics;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// A decimal string from a Binance response, kept as mantissa + the decimals it was written with, because the
/// instrument (and so the target scale) may only be known after the whole object has been read.
/// </summary>
public readonly record struct BinanceDecimal(long Mantissa, int Scale)
{
    public static bool TryParse(ReadOnlySpan<byte> text, out BinanceDecimal value)
    {
        if (FixedPoint.TryParse(text, out var m, out var s))
        {
            value = new BinanceDecimal(m, s);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Exactly at <paramref name="scale"/> (false when non-zero digits would be lost).</summary>
    public bool TryToScale(int scale, out long value) => FixedPoint.TryRescale(Mantissa, Scale, scale, out value);

    /// <summary>At <paramref name="scale"/>, rounded half away from zero when finer.</summary>
    public long ToScaleRounded(int scale)
    {
        if (TryToScale(scale, out var exact)) return exact;
        if (scale > Scale) return 0; // only overflow fails upwards
        var p = FixedPoint.Pow10(Scale - scale);
        var q = Math.DivRem(Mantissa, p, out var rem);
        if (Math.Abs(rem) * 2 >= p) q += Math.Sign(Mantissa);
        return q;
    }
}
