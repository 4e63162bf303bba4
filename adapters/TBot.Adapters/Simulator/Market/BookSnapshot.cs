using TBot.Engine.Books;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Market;

/// <summary>
/// A consistent copy of one instrument's authoritative book, taken under the model lock: levels best-first
/// and the event sequence it corresponds to (Binance lastUpdateId / OKX seqId). Tests compare a client-side
/// book with it.
/// </summary>
public sealed class BookSnapshot
{
    public BookSnapshot(Instrument instrument, long sequence, long lastTradeId, PriceLevel[] bids, PriceLevel[] asks)
    {
        Instrument = instrument;
        Sequence = sequence;
        LastTradeId = lastTradeId;
        Bids = bids;
        Asks = asks;
    }

    public Instrument Instrument { get; }

    /// <summary>The instrument's last event sequence when the copy was taken.</summary>
    public long Sequence { get; }

    public long LastTradeId { get; }

    /// <summary>Best (highest) first.</summary>
    public PriceLevel[] Bids { get; }

    /// <summary>Best (lowest) first.</summary>
    public PriceLevel[] Asks { get; }

    public bool IsCrossed => Bids.Length > 0 && Asks.Length > 0 && Bids[0].Price >= Asks[0].Price;

    /// <summary>
    /// True when <paramref name="book"/> holds exactly these levels (prices and sizes) on both sides, up to
    /// <paramref name="maxLevels"/> per side (when the client only knows the top of the book).
    /// </summary>
    public bool Matches(OrderBook book, int maxLevels = int.MaxValue) =>
        SideMatches(book.Bids, Bids, maxLevels) && SideMatches(book.Asks, Asks, maxLevels);

    /// <summary>Same levels as another snapshot (sequence not compared).</summary>
    public bool SameLevels(BookSnapshot other) =>
        Bids.AsSpan().SequenceEqual(other.Bids) && Asks.AsSpan().SequenceEqual(other.Asks);

    private static bool SideMatches(BookSide side, PriceLevel[] levels, int maxLevels)
    {
        var n = Math.Min(maxLevels, levels.Length);
        if (side.Count < n || (maxLevels >= levels.Length && side.Count != levels.Length)) return false;
        for (var i = 0; i < n; i++)
        {
            ref readonly var l = ref side[i];
            if (l.Price != levels[i].Price || l.Quantity != levels[i].Quantity) return false;
        }
        return true;
    }
}
