using TBot.Engine.Numerics;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>
/// Decimal strings ("68900.50", "0.00150000") to mantissas at an instrument's scale, with the reason code
/// when that cannot be done exactly.
/// </summary>
internal static class CoinbaseDecimals
{
    /// <summary>A price: <see cref="RejectReason.TickMisaligned"/> when it has non-zero digits finer than <paramref name="scale"/>.</summary>
    public static RejectReason ParsePrice(ReadOnlySpan<byte> text, int scale, out long value, out byte decimals) =>
        Parse(text, scale, RejectReason.TickMisaligned, out value, out decimals);

    /// <summary>A size: <see cref="RejectReason.StepMisaligned"/> when it has non-zero digits finer than <paramref name="scale"/>.</summary>
    public static RejectReason ParseQuantity(ReadOnlySpan<byte> text, int scale, out long value, out byte decimals) =>
        Parse(text, scale, RejectReason.StepMisaligned, out value, out decimals);

    /// <summary>An optional price: absent gives 0 ("no value").</summary>
    public static RejectReason ParseOptionalPrice(in JsonText text, int scale, out long value, out byte decimals)
    {
        if (text.Present) return ParsePrice(text.Bytes, scale, out value, out decimals);
        value = 0;
        decimals = 0;
        return RejectReason.None;
    }

    /// <summary>An optional size: absent gives 0.</summary>
    public static RejectReason ParseOptionalQuantity(in JsonText text, int scale, out long value, out byte decimals)
    {
        if (text.Present) return ParseQuantity(text.Bytes, scale, out value, out decimals);
        value = 0;
        decimals = 0;
        return RejectReason.None;
    }

    /// <summary>
    /// A 24 h volume, absent gives 0. Digits finer than the quantity scale are truncated rather than rejected:
    /// the volume is an aggregate statistic, not a size anyone trades, and rejecting the whole ticker for it
    /// would lose the prices it carries.
    /// </summary>
    public static RejectReason ParseVolume(in JsonText text, int scale, out long value, out byte decimals)
    {
        value = 0;
        decimals = 0;
        if (!text.Present) return RejectReason.None;
        if (!FixedPoint.TryParse(text.Bytes, out var mantissa, out var written)) return RejectReason.BadNumber;
        decimals = (byte)written;
        if (written <= scale) return FixedPoint.TryRescale(mantissa, written, scale, out value) ? RejectReason.None : RejectReason.BadNumber;
        var drop = written - scale;
        value = drop > FixedPoint.MaxScale ? 0 : mantissa / FixedPoint.Pow10(drop);
        return RejectReason.None;
    }

    private static RejectReason Parse(ReadOnlySpan<byte> text, int scale, RejectReason tooFine, out long value, out byte decimals)
    {
        value = 0;
        decimals = 0;
        if (!FixedPoint.TryParse(text, out var mantissa, out var written)) return RejectReason.BadNumber;
        // Rescaling fails either because digits would be lost (finer than the scale) or because it overflows.
        if (!FixedPoint.TryRescale(mantissa, written, scale, out value)) return written > scale ? tooFine : RejectReason.BadNumber;
        decimals = (byte)written;
        return RejectReason.None;
    }
}
