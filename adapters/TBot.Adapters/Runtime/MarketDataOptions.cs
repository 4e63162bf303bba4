using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Runtime;

/// <summary>What the market-data runtime connects to and subscribes.</summary>
public sealed class MarketDataOptions
{
    /// <summary>Venues to connect, with their endpoints.</summary>
    public List<VenueEndpoint> Venues { get; set; } = [];

    /// <summary>Channels per venue (defaults: top of book, trades and the diff book of each venue).</summary>
    public Dictionary<Venue, string[]> Channels { get; set; } = new()
    {
        [Venue.Binance] = ["bookTicker", "trade", "depth@100ms"],
        [Venue.Coinbase] = ["ticker", "level2", "market_trades"],
        [Venue.Okx] = ["books", "tickers", "trades"],
    };

    /// <summary>Channels of the Coinbase Exchange feed (when a Coinbase endpoint says <c>Feed = "exchange"</c>).</summary>
    public string[] CoinbaseExchangeChannels { get; set; } = ["level2_batch", "ticker", "matches"];

    public ValidationOptions Validation { get; set; } = new();

    /// <summary>CPU to pin the ingress thread to (Linux); null = unpinned.</summary>
    public int? IngressCpu { get; set; }

    /// <summary>How often REST market data is polled where a venue is polled (OKX ticker and candles); null = off.</summary>
    public TimeSpan? RestPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Frames buffered per connection between its socket reader and the ingress thread.</summary>
    public int QueueCapacity { get; set; } = 8192;
}
