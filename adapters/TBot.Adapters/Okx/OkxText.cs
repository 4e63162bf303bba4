using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// Conversions of OKX value text (prices, sizes and times all travel as JSON strings) into fixed-point
/// mantissas and nanoseconds, reporting the reject reason instead of throwing.
/// </summary>
internal static class OkxText
{
    private const long NanosPerMilli = 1_000_000;

    /// <summary>A price at the instrument's price scale; keeps the decimals written ("8477.0" → 1).</summary>
    public static RejectReason Price(ReadOnlySpan<byte> text, Instrument instrument, out long value, out byte decimals) =>
        Fixed(text, instrument.PriceScale, RejectReason.TickMisaligned, out value, out decimals);

    /// <summary>A size at the instrument's quantity scale; keeps the decimals written.</summary>
    public static RejectReason Quantity(ReadOnlySpan<byte> text, Instrument instrument, out long value, out byte decimals) =>
        Fixed(text, instrument.QuantityScale, RejectReason.StepMisaligned, out value, out decimals);

    /// <summary>Like <see cref="Price"/>, but "" (OKX's "no value", e.g. no bid yet) is 0 rather than an error.</summary>
    public static RejectReason OptionalPrice(ReadOnlySpan<byte> text, Instrument instrument, out long value, out byte decimals)
    {
        if (text.IsEmpty)
        {
            value = 0;
            decimals = 0;
            return RejectReason.None;
        }
        return Price(text, instrument, out value, out decimals);
    }

    /// <summary>Like <see cref="Quantity"/>, but "" is 0.</summary>
    public static RejectReason OptionalQuantity(ReadOnlySpan<byte> text, Instrument instrument, out long value, out byte decimals)
    {
        if (text.IsEmpty)
        {
            value = 0;
            decimals = 0;
            return RejectReason.None;
        }
        return Quantity(text, instrument, out value, out decimals);
    }

    private static RejectReason Fixed(ReadOnlySpan<byte> text, int scale, RejectReason misaligned, out long value, out byte decimals)
    {
        value = 0;
        decimals = 0;
        if (!FixedPoint.TryParse(text, out var mantissa, out var written)) return RejectReason.BadNumber;
        if (!FixedPoint.TryRescale(mantissa, written, scale, out value))
        {
            // Scaling down fails only when non-zero digits would be dropped; scaling up only on overflow.
            return written > scale ? misaligned : RejectReason.BadNumber;
        }
        decimals = (byte)written;
        return RejectReason.None;
    }

    /// <summary>An unsigned decimal integer written as digits only ("130639474").</summary>
    public static bool TryParseDigits(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18) return false; // 18 digits always fit a long
        for (var i = 0; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>Unix milliseconds as digits ("1597026383085") → Unix nanoseconds.</summary>
    public static RejectReason MillisToNanos(ReadOnlySpan<byte> text, out long nanos)
    {
        nanos = 0;
        if (!TryParseDigits(text, out var ms) || ms > long.MaxValue / NanosPerMilli) return RejectReason.BadNumber;
        nanos = ms * NanosPerMilli;
        return RejectReason.None;
    }

    /// <summary>OKX error codes ("50011", or a JSON number in some frames) as an int; 0 when not numeric.</summary>
    public static int Code(ReadOnlySpan<byte> text) =>
        text.Length <= 9 && TryParseDigits(text, out var v) ? (int)v : 0;
}
