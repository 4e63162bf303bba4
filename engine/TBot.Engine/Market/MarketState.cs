using TBot.Engine.Books;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Engine.Market;

/// <summary>
/// The trading thread's own view of the market, rebuilt from ring events only (never from the ingress
/// thread's books), so a replay of the journal sees exactly what the live run saw. Best bid/ask come from
/// quotes and from the top of the replicated book after each complete book message.
/// </summary>
public sealed class MarketState
{
    private readonly InstrumentQuote[] _quotes;
    private readonly OrderBook[] _books;
    private readonly long[] _candleQuoteTick; // > 0: closed candles set the quote (bar data, see UseCandleQuotes)
    private readonly long[] _tradeQuoteTick; // > 0: trades set the quote (trades-only data, see UseTradeQuotes)

    public MarketState(InstrumentRegistry instruments, int bookCapacity = 64)
    {
        var n = instruments.Count + 1;
        _quotes = new InstrumentQuote[n];
        _books = new OrderBook[n];
        _candleQuoteTick = new long[n];
        _tradeQuoteTick = new long[n];
        for (var i = 0; i < n; i++) _books[i] = new OrderBook(i, bookCapacity);
    }

    public int Capacity => _quotes.Length;

    /// <summary>
    /// Bar data (backtests on candles only): each closed candle sets a synthetic two-sided quote one tick either side
    /// of its close (mid = close, sizes = the bar's volume), so strategies, risk and the paper gateway see a quote.
    /// Off by default: live runs get candles next to real quotes and must not let them override the book.
    /// </summary>
    public void UseCandleQuotes(int instrumentId, long tickSize) => _candleQuoteTick[instrumentId] = Math.Max(1, tickSize);

    /// <summary>
    /// Trades-only data (backtests on prints without quotes or book): each trade sets a synthetic two-sided quote one
    /// tick either side of its price (mid = the print, sizes = its quantity), the same assumption as
    /// <see cref="UseCandleQuotes"/>. Off by default: live runs have real quotes.
    /// </summary>
    public void UseTradeQuotes(int instrumentId, long tickSize) => _tradeQuoteTick[instrumentId] = Math.Max(1, tickSize);

    public ref readonly InstrumentQuote Quote(int instrumentId) => ref _quotes[instrumentId];

    /// <summary>The replicated book (levels from snapshot levels and deltas on the ring).</summary>
    public OrderBook Book(int instrumentId) => _books[instrumentId];

    /// <summary>Quoted, not stale, and the best bid/ask was refreshed within <paramref name="maxAgeNs"/> of <paramref name="nowNs"/> (0 = no age limit).</summary>
    public bool IsTradable(int instrumentId, long nowNs, long maxAgeNs)
    {
        if ((uint)instrumentId >= (uint)_quotes.Length) return false;
        ref readonly var q = ref _quotes[instrumentId];
        return q.HasTwoSidedQuote && !q.IsStale && (maxAgeNs <= 0 || nowNs - q.QuoteUpdatedNs <= maxAgeNs);
    }

    public void Apply(in MarketEvent e) => Apply(in e, e.ReceiveTimeNs);

    /// <summary>Apply an event at engine time <paramref name="nowNs"/> (the trading core's clock, which never goes
    /// back even when producers' receive stamps arrive slightly out of order), so quote ages use the same clock as
    /// the strategies and risk.</summary>
    public void Apply(in MarketEvent e, long nowNs)
    {
        var id = e.InstrumentId;
        if ((uint)id >= (uint)_quotes.Length || id == 0) return;
        ref var q = ref _quotes[id];
        q.UpdatedNs = nowNs;
        switch (e.Kind)
        {
            case MarketEventKind.Quote:
                SetTop(ref q, e.Bid, e.BidSize, e.Ask, e.AskSize, nowNs);
                break;
            case MarketEventKind.Ticker:
                if (e.Price > 0) q.LastPrice = e.Price;
                if (e.Bid > 0 && e.Ask > 0) SetTop(ref q, e.Bid, e.BidSize, e.Ask, e.AskSize, nowNs);
                break;
            case MarketEventKind.Trade:
                q.LastPrice = e.Price;
                q.LastQuantity = e.Quantity;
                if (_tradeQuoteTick[id] is var tradeTick and > 0 && e.Price > tradeTick)
                    SetTop(ref q, e.Price - tradeTick, e.Quantity, e.Price + tradeTick, e.Quantity, nowNs);
                break;
            case MarketEventKind.Candle:
                if (!e.Has(EventFlags.Provisional))
                {
                    q.LastPrice = e.Price;
                    if (_candleQuoteTick[id] is var tick and > 0 && e.Price > tick)
                        SetTop(ref q, e.Price - tick, e.Volume, e.Price + tick, e.Volume, nowNs);
                }
                break;
            case MarketEventKind.BookSnapshotLevel:
            {
                var book = _books[id];
                if (e.Has(EventFlags.FirstInMessage)) book.Clear();
                book.SideOf(e.Side == Side.Buy).Set(e.Price, e.Quantity, e.PriceDecimals, e.QuantityDecimals);
                if (e.Has(EventFlags.LastInMessage))
                {
                    q.IsStale = false;
                    TopFromBook(ref q, book, nowNs);
                }
                break;
            }
            case MarketEventKind.BookDelta:
            {
                var book = _books[id];
                book.SideOf(e.Side == Side.Buy).Set(e.Price, e.Quantity, e.PriceDecimals, e.QuantityDecimals);
                if (e.Has(EventFlags.LastInMessage)) TopFromBook(ref q, book, nowNs);
                break;
            }
            case MarketEventKind.BookStatus:
                q.IsStale = e.Has(EventFlags.Stale);
                if (q.IsStale) _books[id].Clear();
                break;
        }
    }

    private static void TopFromBook(ref InstrumentQuote q, OrderBook book, long nowNs)
    {
        if (book.TryGetTop(out var bid, out var ask))
            SetTop(ref q, bid.Price, bid.Quantity, ask.Price, ask.Quantity, nowNs);
    }

    private static void SetTop(ref InstrumentQuote q, long bid, long bidSize, long ask, long askSize, long nowNs)
    {
        q.QuoteUpdatedNs = nowNs;
        q.Bid = bid;
        q.BidSize = bidSize;
        q.Ask = ask;
        q.AskSize = askSize;
    }
}
