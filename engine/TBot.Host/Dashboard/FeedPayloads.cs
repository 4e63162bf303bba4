namespace TBot.Host.Dashboard;

// The payloads of the feed's messages (serialised snake_case, see DashboardJson). Prices, sizes and money are decimal
// strings, exact at the instrument's scale or at the money scale (8 dp): the page formats them, never computes with them.

/// <summary><c>book</c>: top of book and the top levels of one instrument.</summary>
public sealed record BookPayload(
    string Instrument, string Venue, string Symbol,
    string? Bid, string? BidSize, string? Ask, string? AskSize, string? Last,
    bool Stale, long TimeNs, IReadOnlyList<string[]> Bids, IReadOnlyList<string[]> Asks);

/// <summary>One open order (in <c>orders</c>).</summary>
public sealed record OrderPayload(
    string Id, int Bot, string Instrument, string Side, string Type, string Status,
    string Price, string Quantity, string Filled, long CreatedNs);

/// <summary><c>orders</c>: the open orders (newest first, at most <see cref="Count"/> of them listed).</summary>
public sealed record OrdersPayload(int Count, IReadOnlyList<OrderPayload> Orders);

/// <summary>One position of a bot (in <c>bots</c>).</summary>
public sealed record PositionPayload(string Instrument, string Quantity, string Cost, string Realised, string Unrealised, string Fees, long Fills);

/// <summary>One bot: risk state and PnL (realised, unrealised at mid, fees, total = realised + unrealised − fees).</summary>
public sealed record BotPayload(
    int Id, string Name, string Strategy, string State, string? KillCause,
    string Realised, string Unrealised, string Fees, string Total, IReadOnlyList<PositionPayload> Positions);

/// <summary><c>bots</c>: every bot, and whether trading is enabled at all.</summary>
public sealed record BotsPayload(bool TradingEnabled, IReadOnlyList<BotPayload> Bots);

/// <summary>One connection of a venue.</summary>
public sealed record ConnectionPayload(int Id, string State, long Connects);

/// <summary>Connection health of one venue (in <c>venues</c>).</summary>
public sealed record VenuePayload(
    string Name, string Status, IReadOnlyList<ConnectionPayload> Connections, long Reconnects, long Resyncs,
    long Accepted, long Rejected, IReadOnlyDictionary<string, string> Books);

/// <summary><c>venues</c>.</summary>
public sealed record VenuesPayload(IReadOnlyList<VenuePayload> Venues);

/// <summary>A sparkline: the last samples of one value, oldest first, one per <see cref="StatsPayload.IntervalMs"/>.</summary>
public sealed record SeriesPayload(string Name, string Unit, IReadOnlyList<double> Values);

/// <summary><c>stats</c>: throughput and latency series, ring and feed counters.</summary>
public sealed record StatsPayload(
    long TimeMs, int IntervalMs, double UptimeS, string Phase, long RingPublished, long RingProcessed,
    IReadOnlyList<SeriesPayload> Throughput, IReadOnlyList<SeriesPayload> Latency,
    int FeedClients, long FeedDropped);
