using System.Runtime.CompilerServices;
using TBot.Engine.Books;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Okx;

/// <summary>
/// The OKX order-book checksum (format doc §4.5): the top 25 levels per side interleaved as
/// "bid0.px:bid0.sz:ask0.px:ask0.sz:bid1.px:…" (a side that runs out is simply skipped), written with the exact
/// decimals received, CRC-32 (IEEE) of the ASCII bytes reinterpreted as a signed int32. The text is built in a
/// stack buffer: no allocation. A venue checksum of 0 means "not provided" (recent OKX feeds send 0).
/// </summary>
public static class OkxBookChecksum
{
    /// <summary>Levels per side that the checksum covers.</summary>
    public const int LevelsPerSide = 25;

    /// <summary>The venue's value for "no checksum sent": skip validation rather than report a mismatch.</summary>
    public const int NotProvided = 0;

    // Worst case per number: sign + 19 digits + point + leading "0." padding to 18 decimals + zero padding
    // to 18 written decimals, all under 48; plus one ':' each, 100 numbers.
    private const int MaxNumberLength = 48;

    /// <summary>Upper bound of the checksum text length (bytes) for <see cref="WriteText(ReadOnlySpan{OkxChecksumLevel}, ReadOnlySpan{OkxChecksumLevel}, int, int, Span{byte})"/>.</summary>
    public const int MaxTextLength = 2 * LevelsPerSide * 2 * (MaxNumberLength + 1);

    public static bool IsProvided(int venueChecksum) => venueChecksum != NotProvided;

    /// <summary>
    /// Checksum of the local book. <paramref name="bids"/> best-first (descending), <paramref name="asks"/>
    /// best-first (ascending); only the first 25 of each are used. Mantissas are at
    /// <paramref name="priceScale"/> / <paramref name="quantityScale"/> (the instrument's scales).
    /// </summary>
    public static int Compute(ReadOnlySpan<OkxChecksumLevel> bids, ReadOnlySpan<OkxChecksumLevel> asks, int priceScale, int quantityScale) =>
        Compute(AsBookLevels(bids), AsBookLevels(asks), priceScale, quantityScale);

    /// <summary>Same as the other overload, over the engine's book levels (e.g. from <c>BookSide.CopyTop</c>).</summary>
    [SkipLocalsInit]
    public static int Compute(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, int priceScale, int quantityScale)
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        var n = WriteText(bids, asks, priceScale, quantityScale, text);
        return unchecked((int)Crc32.Compute(text[..n]));
    }

    /// <summary>True when the venue sent no checksum (0) or it equals the local book's.</summary>
    public static bool Matches(int venueChecksum, ReadOnlySpan<OkxChecksumLevel> bids, ReadOnlySpan<OkxChecksumLevel> asks, int priceScale, int quantityScale) =>
        !IsProvided(venueChecksum) || Compute(bids, asks, priceScale, quantityScale) == venueChecksum;

    /// <inheritdoc cref="Matches(int, ReadOnlySpan{OkxChecksumLevel}, ReadOnlySpan{OkxChecksumLevel}, int, int)"/>
    public static bool Matches(int venueChecksum, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, int priceScale, int quantityScale) =>
        !IsProvided(venueChecksum) || Compute(bids, asks, priceScale, quantityScale) == venueChecksum;

    /// <summary>
    /// Write the checksum text ("3366.1:7:3366.8:9:…") into <paramref name="destination"/> (at least
    /// <see cref="MaxTextLength"/> bytes is always enough); returns the byte count. Useful to log on a mismatch.
    /// </summary>
    public static int WriteText(ReadOnlySpan<OkxChecksumLevel> bids, ReadOnlySpan<OkxChecksumLevel> asks, int priceScale, int quantityScale, Span<byte> destination) =>
        WriteText(AsBookLevels(bids), AsBookLevels(asks), priceScale, quantityScale, destination);

    /// <summary>The two level types have the same layout (two longs, two bytes); one implementation serves both.</summary>
    private static ReadOnlySpan<BookLevel> AsBookLevels(ReadOnlySpan<OkxChecksumLevel> levels) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<OkxChecksumLevel, BookLevel>(levels);

    /// <inheritdoc cref="WriteText(ReadOnlySpan{OkxChecksumLevel}, ReadOnlySpan{OkxChecksumLevel}, int, int, Span{byte})"/>
    public static int WriteText(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, int priceScale, int quantityScale, Span<byte> destination)
    {
        var nb = Math.Min(bids.Length, LevelsPerSide);
        var na = Math.Min(asks.Length, LevelsPerSide);
        var w = 0;
        for (var i = 0; i < LevelsPerSide && (i < nb || i < na); i++)
        {
            if (i < nb)
            {
                ref readonly var b = ref bids[i];
                w = AppendLevel(destination, w, b.Price, priceScale, b.PriceDecimals, b.Quantity, quantityScale, b.QuantityDecimals);
            }
            if (i < na)
            {
                ref readonly var a = ref asks[i];
                w = AppendLevel(destination, w, a.Price, priceScale, a.PriceDecimals, a.Quantity, quantityScale, a.QuantityDecimals);
            }
        }
        return w;
    }

    private static int AppendLevel(Span<byte> dst, int w, long price, int priceScale, byte priceDecimals, long quantity, int quantityScale, byte quantityDecimals)
    {
        if (w > 0) dst[w++] = (byte)':';
        w = AppendNumber(dst, w, price, priceScale, priceDecimals);
        dst[w++] = (byte)':';
        return AppendNumber(dst, w, quantity, quantityScale, quantityDecimals);
    }

    /// <summary>
    /// Write <paramref name="mantissa"/> (at <paramref name="scale"/>) with exactly <paramref name="decimals"/>
    /// decimals by trimming or padding zeros of the text (no rescaling, so no overflow). If the decimals are
    /// too few for the value (inconsistent input) only zeros are trimmed, so the value is never altered.
    /// </summary>
    private static int AppendNumber(Span<byte> dst, int w, long mantissa, int scale, byte decimals)
    {
        var n = FixedPoint.Format(mantissa, scale, dst[w..]);
        var end = w + n;
        var target = Math.Min((int)decimals, FixedPoint.MaxScale);
        if (target < scale)
        {
            var drop = scale - target;
            while (drop > 0 && dst[end - 1] == (byte)'0')
            {
                end--;
                drop--;
            }
            if (dst[end - 1] == (byte)'.') end--;
        }
        else if (target > scale)
        {
            if (scale == 0) dst[end++] = (byte)'.';
            for (var k = scale; k < target; k++) dst[end++] = (byte)'0';
        }
        return end;
    }
}
