using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>
/// A long, busy, reproducible session for one <see cref="PaperVenue"/>: a seeded generator moves quotes, book
/// levels and trades around a drifting mid, and every few events submits (limit, IOC, post-only, market) or
/// cancels orders. Allocation-free per step, so the allocation test can run it too.
/// </summary>
internal sealed class PaperScript(PaperVenue venue, ulong seed)
{
    private const long StepNs = 1_000;
    private ulong _state = seed;
    private long _mid = 1_000_000; // 10 000.00
    private long _nextId = 1;
    private long _step;
    private MarketEvent _event;

    public void Run(int steps)
    {
        for (var i = 0; i < steps; i++) Step();
    }

    public void Step()
    {
        _step++;
        var now = PaperVenue.T0 + _step * StepNs;
        _mid += Next(7) - 3;
        var bid = _mid - 1 - Next(3);
        var ask = _mid + 1 + Next(3);
        var kind = Next(4);
        PruneBook(now);
        _event = default;
        _event.InstrumentId = venue.Btc;
        _event.ReceiveTimeNs = now;
        switch (kind)
        {
            case 0:
                _event.Kind = MarketEventKind.Quote;
                _event.Bid = bid;
                _event.BidSize = 100 + Next(2_000);
                _event.Ask = ask;
                _event.AskSize = 100 + Next(2_000);
                break;
            case 1:
                _event.Kind = MarketEventKind.Trade;
                _event.Price = Next(2) == 0 ? bid : ask;
                _event.Quantity = 1 + Next(1_500);
                _event.Side = Next(2) == 0 ? Side.Buy : Side.Sell;
                break;
            default:
                // A level within a few ticks of the mid: the book stays small (bounded price range).
                var buy = Next(2) == 0;
                _event.Kind = MarketEventKind.BookDelta;
                _event.Side = buy ? Side.Buy : Side.Sell;
                _event.Price = buy ? bid - Next(4) : ask + Next(4);
                _event.Quantity = Next(5) == 0 ? 0 : 100 + Next(3_000);
                _event.Flags = EventFlags.FirstInMessage | EventFlags.LastInMessage;
                break;
        }
        venue.Publish(in _event);

        if (_step % 3 == 0) SubmitSomething(bid, ask);
        if (_step % 5 == 0 && _nextId > 4) venue.Cancel(_nextId - 1 - Next(4));
    }

    private void SubmitSomething(long bid, long ask)
    {
        var side = Next(2) == 0 ? Side.Buy : Side.Sell;
        var quantity = 1 + Next(2_500);
        var order = Next(6) switch
        {
            0 => venue.MarketOrder(_nextId, side, quantity),
            1 => venue.Limit(_nextId, side, side == Side.Buy ? ask + Next(3) : bid - Next(3), quantity, TimeInForce.Ioc),
            2 => venue.Limit(_nextId, side, side == Side.Buy ? bid - Next(3) : ask + Next(3), quantity, TimeInForce.PostOnly),
            _ => venue.Limit(_nextId, side, side == Side.Buy ? bid + 1 - Next(5) : ask - 1 + Next(5), quantity),
        };
        _nextId++;
        venue.Submit(in order);
    }

    /// <summary>Keep the replicated book uncrossed and bounded: drop levels the mid has run past, and the worst
    /// levels beyond 12 a side.</summary>
    private void PruneBook(long now)
    {
        var book = venue.Market.Book(venue.Btc);
        while (book.Bids.Count > 0 && (book.Bids[0].Price >= _mid || book.Bids.Count > 12)) RemoveLevel(now, Side.Buy, book.Bids.Count > 12 ? book.Bids[book.Bids.Count - 1].Price : book.Bids[0].Price);
        while (book.Asks.Count > 0 && (book.Asks[0].Price <= _mid || book.Asks.Count > 12)) RemoveLevel(now, Side.Sell, book.Asks.Count > 12 ? book.Asks[book.Asks.Count - 1].Price : book.Asks[0].Price);
    }

    private void RemoveLevel(long now, Side side, long price)
    {
        _event = default;
        _event.Kind = MarketEventKind.BookDelta;
        _event.InstrumentId = venue.Btc;
        _event.Side = side;
        _event.Price = price;
        _event.Flags = EventFlags.FirstInMessage | EventFlags.LastInMessage;
        _event.ReceiveTimeNs = now;
        venue.Publish(in _event);
    }

    /// <summary>0..n-1 from a 64-bit LCG (deterministic, no allocation).</summary>
    private long Next(long n)
    {
        _state = _state * 6364136223846793005UL + 1442695040888963407UL;
        return (long)((_state >> 33) % (ulong)n);
    }
}
