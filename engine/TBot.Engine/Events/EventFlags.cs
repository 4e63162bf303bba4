namespace TBot.Engine.Events;

/// <summary>Bit flags on a <see cref="MarketEvent"/>.</summary>
[Flags]
public enum EventFlags : ushort
{
    None = 0,
    /// <summary>First event produced from one exchange message (a depth update becomes one event per level).</summary>
    FirstInMessage = 1 << 0,
    /// <summary>Last event produced from one exchange message: the book is consistent after it.</summary>
    LastInMessage = 1 << 1,
    /// <summary>Trade: the buyer was the maker (the aggressor sold).</summary>
    BuyerIsMaker = 1 << 2,
    /// <summary>BookStatus: the book is stale (desynchronised); cleared when it is live again.</summary>
    Stale = 1 << 3,
    /// <summary>The event came from a REST poll rather than a stream.</summary>
    FromRest = 1 << 4,
    /// <summary>Replayed from a journal or capture rather than received live.</summary>
    Replayed = 1 << 5,
    /// <summary>Candle: the bar is still open (its values may change).</summary>
    Provisional = 1 << 6,
    /// <summary>Fill: the order provided liquidity (maker).</summary>
    Maker = 1 << 7,
    /// <summary>Order update produced by start-up reconciliation with the venue.</summary>
    Reconciled = 1 << 8,
}
