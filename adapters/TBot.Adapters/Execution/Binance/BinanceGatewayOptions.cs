using TBot.Adapters.Connections;

namespace TBot.Adapters.Execution.Binance;

/// <summary>Settings of a <see cref="BinanceLiveGateway"/>.</summary>
public sealed class BinanceGatewayOptions
{
    /// <summary>The journal's tag in client order ids (<see cref="Engine.Orders.ClientOrderIds.Format"/>).</summary>
    public string JournalTag { get; init; } = "";

    /// <summary>Commands the trading thread can queue ahead of the I/O side (a power of two).</summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Requests (new orders, cancels) in flight at once; commands of one order always run in order.</summary>
    public int MaxConcurrentRequests { get; init; } = 4;

    /// <summary>How often open orders are polled for fills and their end.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the dispatcher re-checks a command held by the write-ahead gate.</summary>
    public TimeSpan GatePollInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Sync the server clock at start and every <see cref="ClockSyncInterval"/> (false: the host does it).</summary>
    public bool SyncServerClock { get; init; } = true;

    public TimeSpan ClockSyncInterval { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Delays between the queries that settle a lost new-order response (growing, jittered, capped).</summary>
    public BackoffPolicy LostOrderBackoff { get; init; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.Zero);

    /// <summary>
    /// Extra wait, beyond the request's timestamp + recvWindow, before "order does not exist" settles a lost
    /// new order as rejected (after that the venue can no longer accept the request).
    /// </summary>
    public TimeSpan LostOrderGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Quote asset per symbol ("BTCUSDT" → "USDT"), from exchangeInfo; a fill's commission counts as a fee only
    /// when charged in the quote asset. Symbols not listed are split by common quote suffixes.
    /// </summary>
    public IReadOnlyDictionary<string, string>? QuoteAssets { get; init; }

    internal void Validate()
    {
        if (QueueCapacity < 2 || (QueueCapacity & (QueueCapacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), "Must be a power of two ≥ 2.");
        if (MaxConcurrentRequests < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests));
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval));
        if (GatePollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(GatePollInterval));
        if (ClockSyncInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ClockSyncInterval));
        if (LostOrderGrace < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LostOrderGrace));
        ArgumentNullException.ThrowIfNull(JournalTag);
        ArgumentNullException.ThrowIfNull(LostOrderBackoff);
    }
}
