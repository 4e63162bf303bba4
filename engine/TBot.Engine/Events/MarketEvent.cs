using System.Runtime.InteropServices;
using TBot.Engine.Instruments;

namespace TBot.Engine.Events;

/// <summary>
/// The ring's event: the seed's <c>MarketData</c> made allocation-free. Unmanaged (no references), so a
/// ring of them is one flat block the GC never scans. Prices and sizes are fixed-point mantissas at the
/// instrument's scales (see <see cref="Instrument"/>); symbols are interned instrument ids; times are
/// Unix nanoseconds (exchange time) and monotonic nanoseconds (receive time).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct MarketEvent
{
    public MarketEventKind Kind;
    public Venue Venue;
    /// <summary>Trade aggressor side, or the book side of a level.</summary>
    public Side Side;
    /// <summary>Decimals the price was written with on the wire ("8477.0" → 1). Venues whose checksums are
    /// computed over the original text (OKX) need it to reproduce the string from the mantissa.</summary>
    public byte PriceDecimals;
    /// <summary>Decimals the quantity was written with on the wire.</summary>
    public byte QuantityDecimals;
    public EventFlags Flags;
    /// <summary>Which connection of the venue delivered it (for per-connection resync).</summary>
    public ushort ConnectionId;
    public int InstrumentId;
    /// <summary>Book checksum the venue sent with this message (OKX <c>checksum</c>), 0 when none.</summary>
    public int Checksum;
    /// <summary>Exchange event time, Unix epoch nanoseconds (0 when the message has none).</summary>
    public long ExchangeTimeNs;
    /// <summary>Local receive time, Unix epoch nanoseconds, taken when the frame arrived.</summary>
    public long ReceiveTimeNs;
    /// <summary>First update id covered (Binance <c>U</c>, OKX <c>prevSeqId</c>), or 0.</summary>
    public long FirstUpdateId;
    /// <summary>Last update id / sequence (Binance <c>u</c>, Coinbase <c>sequence</c>, OKX <c>seqId</c>), or 0.</summary>
    public long UpdateId;
    /// <summary>Trade id (trades), or 0.</summary>
    public long TradeId;
    public long Bid;
    public long BidSize;
    public long Ask;
    public long AskSize;
    /// <summary>Trade price, book level price, or last price (tickers, candle close).</summary>
    public long Price;
    /// <summary>Trade size, or the new absolute size of a book level (0 removes it).</summary>
    public long Quantity;
    /// <summary>24 h base volume (tickers, candle volume).</summary>
    public long Volume;
    /// <summary>Candle open / high / low (candles only).</summary>
    public long Open;
    public long High;
    public long Low;

    public readonly bool Has(EventFlags flag) => (Flags & flag) != 0;
}
