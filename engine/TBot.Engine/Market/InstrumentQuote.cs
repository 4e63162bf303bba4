namespace TBot.Engine.Market;

/// <summary>What the trading thread knows of one instrument right now (mantissas at the instrument's scales).</summary>
public struct InstrumentQuote
{
    public long Bid;
    public long BidSize;
    public long Ask;
    public long AskSize;
    public long LastPrice;
    public long LastQuantity;
    /// <summary>Engine time (receive ns) of the last event that touched this instrument.</summary>
    public long UpdatedNs;
    /// <summary>Engine time of the last event that refreshed the best bid/ask.</summary>
    public long QuoteUpdatedNs;
    /// <summary>The local book is desynchronised (a <see cref="Events.MarketEventKind.BookStatus"/> said so) and awaits a resync.</summary>
    public bool IsStale;

    public readonly bool HasTwoSidedQuote => Bid > 0 && Ask > 0 && Bid < Ask;

    /// <summary>Mid price rounded down (0 without a two-sided quote).</summary>
    public readonly long Mid => HasTwoSidedQuote ? Bid + (Ask - Bid) / 2 : 0;
}
