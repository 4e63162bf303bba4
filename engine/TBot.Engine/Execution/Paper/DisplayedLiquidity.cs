using TBot.Engine.Events;
using TBot.Engine.Market;

namespace TBot.Engine.Execution.Paper;

/// <summary>
/// What paper orders may still take from the engine's replicated market: the displayed levels (the book when
/// that side has levels, else the top-of-book quote) scaled by the fill fraction, minus what paper fills already
/// took. The replicated book never sees our paper fills, so without this ledger two orders (or one order on two
/// events) would take the same displayed size twice. A level's taken size is forgotten once the venue refreshes
/// that level: a delta at its price, a new snapshot, a stale book, or a new quote while the quote is the source.
/// Sides are book sides: <see cref="Side.Sell"/> = asks (what buyers take), <see cref="Side.Buy"/> = bids.
/// </summary>
internal sealed class DisplayedLiquidity
{
    private readonly MarketState _market;
    private readonly int _levelsPerSide;
    private readonly int _fractionBps;
    private readonly int _instrumentSlots;
    private readonly long[] _prices;
    private readonly long[] _taken;
    private readonly int[] _counts; // per (instrument, side) ledger

    public DisplayedLiquidity(MarketState market, int instrumentSlots, int levelsPerSide, int fractionBps)
    {
        _market = market;
        _instrumentSlots = instrumentSlots;
        _levelsPerSide = levelsPerSide;
        _fractionBps = fractionBps;
        _counts = new int[instrumentSlots * 2];
        _prices = new long[_counts.Length * levelsPerSide];
        _taken = new long[_prices.Length];
    }

    /// <summary>The part of a displayed size (or a trade print) paper fills may take.</summary>
    public long Share(long displayed) =>
        _fractionBps == 10_000 ? displayed : (long)((Int128)displayed * _fractionBps / 10_000);

    /// <summary>Level <paramref name="depth"/> (0 = best) of a book side: its price and what is left to take there
    /// (0 when paper fills took it all, or when the ledger is full and cannot remember another level).</summary>
    public bool TryGetLevel(int instrumentId, Side bookSide, int depth, out long price, out long available)
    {
        available = 0;
        if (!TryGetDisplayed(instrumentId, bookSide, depth, out price, out var size)) return false;
        var ledger = Ledger(instrumentId, bookSide);
        var i = Find(ledger, price);
        if (i >= 0) available = Math.Max(0, Share(size) - _taken[i]);
        else if (_counts[ledger] < _levelsPerSide) available = Share(size);
        return true;
    }

    /// <summary>Remember that paper fills took <paramref name="quantity"/> at a level offered by <see cref="TryGetLevel"/>.</summary>
    public void Take(int instrumentId, Side bookSide, long price, long quantity)
    {
        var ledger = Ledger(instrumentId, bookSide);
        var i = Find(ledger, price);
        if (i < 0)
        {
            if (_counts[ledger] == _levelsPerSide) return; // TryGetLevel offered nothing here
            i = ledger * _levelsPerSide + _counts[ledger]++;
            _prices[i] = price;
            _taken[i] = 0;
        }
        _taken[i] += quantity;
    }

    /// <summary>Forget taken sizes the venue has just refreshed. Call for every event, after the market state applied it.</summary>
    public void OnMarketEvent(in MarketEvent e)
    {
        var id = e.InstrumentId;
        if (id <= 0 || id >= _instrumentSlots) return;
        switch (e.Kind)
        {
            case MarketEventKind.BookSnapshotLevel:
                if (e.Has(EventFlags.FirstInMessage)) ClearInstrument(id);
                else Forget(Ledger(id, e.Side == Side.Buy ? Side.Buy : Side.Sell), e.Price);
                break;
            case MarketEventKind.BookDelta:
                Forget(Ledger(id, e.Side == Side.Buy ? Side.Buy : Side.Sell), e.Price);
                break;
            case MarketEventKind.BookStatus:
                ClearInstrument(id);
                break;
            case MarketEventKind.Quote:
            case MarketEventKind.Ticker when e.Bid > 0 && e.Ask > 0:
                // A new quote refreshes the top only where the quote (not the book) is the source.
                var book = _market.Book(id);
                if (book.Bids.Count == 0) _counts[Ledger(id, Side.Buy)] = 0;
                if (book.Asks.Count == 0) _counts[Ledger(id, Side.Sell)] = 0;
                break;
        }
    }

    private bool TryGetDisplayed(int instrumentId, Side bookSide, int depth, out long price, out long size)
    {
        var levels = _market.Book(instrumentId).SideOf(bookSide == Side.Buy);
        if (levels.Count > 0)
        {
            if (depth < levels.Count)
            {
                ref readonly var level = ref levels[depth];
                price = level.Price;
                size = level.Quantity;
                return true;
            }
        }
        else if (depth == 0)
        {
            ref readonly var q = ref _market.Quote(instrumentId);
            price = bookSide == Side.Buy ? q.Bid : q.Ask;
            size = bookSide == Side.Buy ? q.BidSize : q.AskSize;
            if (price > 0 && size > 0) return true;
        }
        price = 0;
        size = 0;
        return false;
    }

    private int Ledger(int instrumentId, Side bookSide) => instrumentId * 2 + (bookSide == Side.Buy ? 0 : 1);

    private int Find(int ledger, long price)
    {
        var start = ledger * _levelsPerSide;
        var end = start + _counts[ledger];
        for (var i = start; i < end; i++)
            if (_prices[i] == price) return i;
        return -1;
    }

    private void Forget(int ledger, long price)
    {
        var i = Find(ledger, price);
        if (i < 0) return;
        var last = ledger * _levelsPerSide + --_counts[ledger];
        _prices[i] = _prices[last];
        _taken[i] = _taken[last];
    }

    private void ClearInstrument(int id)
    {
        _counts[Ledger(id, Side.Buy)] = 0;
        _counts[Ledger(id, Side.Sell)] = 0;
    }
}
