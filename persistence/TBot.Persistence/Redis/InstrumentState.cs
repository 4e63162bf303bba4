using TBot.Engine.Journal;

namespace TBot.Persistence.Redis;

/// <summary>What the cache knows about one instrument: the latest top of book and last price, and a book replica
/// for the top-N levels. Every update sets a value (never adds to one), so applying a batch twice gives the same state.</summary>
internal sealed class InstrumentState(JournalInstrument instrument)
{
    public JournalInstrument Instrument { get; } = instrument;
    public long Bid, BidSize, Ask, AskSize, Last;
    public bool HasQuote, HasLast;
    // Engine time and journal position of the last record that changed the price / the book.
    public long PriceTimeNs, PricePosition, BookTimeNs, BookPosition;
    public bool PriceDirty, BookDirty;

    // Bids best-first (descending), asks best-first (ascending).
    public readonly SortedDictionary<long, long> Bids = new(Comparer<long>.Create(static (a, b) => b.CompareTo(a)));
    public readonly SortedDictionary<long, long> Asks = new();
}
