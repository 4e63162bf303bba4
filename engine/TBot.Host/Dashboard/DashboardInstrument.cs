using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Host.Dashboard;

/// <summary>What the dashboard projection knows of one instrument: the last quote, the last trade price and the
/// book built from snapshot levels and deltas. Mutated by the projection under its lock only.</summary>
internal sealed class DashboardInstrument(JournalInstrument instrument)
{
    public JournalInstrument Instrument { get; } = instrument;

    /// <summary>One per instrument of the manifest, indexed by journal instrument id (unused ids are null).</summary>
    public static DashboardInstrument?[] ForManifest(JournalManifest manifest)
    {
        var max = 0;
        foreach (var i in manifest.Instruments) max = Math.Max(max, i.Id);
        var instruments = new DashboardInstrument?[max + 1];
        foreach (var i in manifest.Instruments) instruments[i.Id] = new DashboardInstrument(i);
        return instruments;
    }

    public string Key { get; } = $"{instrument.Symbol}@{instrument.Venue}";

    public long Bid, BidSize, Ask, AskSize, QuotePosition;
    public long Last, LastPosition;
    public long BookPosition;
    public long TimeNs;
    public bool Stale;

    /// <summary>Bumped on every change: the feed publishes an instrument when its version moved.</summary>
    public long Version;

    // Best first on both sides.
    public SortedDictionary<long, long> Bids { get; } = new(Comparer<long>.Create(static (a, b) => b.CompareTo(a)));
    public SortedDictionary<long, long> Asks { get; } = new();

    /// <summary>Applies one journaled market event at journal <paramref name="position"/> (quotes, last trade, book
    /// levels, staleness); other kinds are ignored. Shared by every projection that needs the journal's top of book.</summary>
    public bool Apply(in MarketEvent e, long position)
    {
        switch (e.Kind)
        {
            case MarketEventKind.Quote:
                Bid = e.Bid;
                BidSize = e.BidSize;
                Ask = e.Ask;
                AskSize = e.AskSize;
                QuotePosition = position;
                break;
            case MarketEventKind.Trade:
            case MarketEventKind.Ticker:
            case MarketEventKind.Candle:
                Last = e.Price;
                LastPosition = position;
                break;
            case MarketEventKind.BookSnapshotLevel:
                // A snapshot replaces the book: its first level clears what was there.
                if (e.Has(EventFlags.FirstInMessage))
                {
                    Bids.Clear();
                    Asks.Clear();
                }
                SetLevel(in e, position);
                Stale = false;
                break;
            case MarketEventKind.BookDelta:
                SetLevel(in e, position);
                break;
            case MarketEventKind.BookStatus:
                Stale = e.Has(EventFlags.Stale);
                break;
            default:
                return false;
        }
        TimeNs = e.ReceiveTimeNs;
        Version++;
        return true;
    }

    private void SetLevel(in MarketEvent e, long position)
    {
        var side = e.Side == Side.Buy ? Bids : e.Side == Side.Sell ? Asks : null;
        if (side is null) return;
        if (e.Quantity == 0) side.Remove(e.Price);
        else side[e.Price] = e.Quantity;
        BookPosition = position;
    }

    /// <summary>Best bid/ask: from whichever is newer in the journal, the quote stream or the book.</summary>
    public (long Bid, long BidSize, long Ask, long AskSize) Top()
    {
        if (QuotePosition >= BookPosition && QuotePosition > 0) return (Bid, BidSize, Ask, AskSize);
        long b = 0, bs = 0, a = 0, az = 0;
        foreach (var (p, q) in Bids) { b = p; bs = q; break; }
        foreach (var (p, q) in Asks) { a = p; az = q; break; }
        return (b, bs, a, az);
    }

    /// <summary>Mark price for unrealised PnL: mid of the top of book when two-sided, else the last trade.</summary>
    public long Mark()
    {
        var (bid, _, ask, _) = Top();
        return bid > 0 && ask > 0 ? (bid + ask) / 2 : Last;
    }
}
