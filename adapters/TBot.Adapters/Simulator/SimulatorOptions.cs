using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator;

/// <summary>Configuration of the loopback exchange simulator.</summary>
public sealed class SimulatorOptions
{
    /// <summary>
    /// Base TCP port on 127.0.0.1. 0 (default) = ephemeral ports. Otherwise Binance listens on Port, Coinbase
    /// Advanced Trade on Port+1, Coinbase Exchange on Port+2 and OKX on Port+3.
    /// </summary>
    public int Port { get; set; }

    /// <summary>Seed of the market model and fault RNG: the same seed replays the same markets.</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>Target frames per second over all connections (model steps per second when nobody is subscribed).</summary>
    public double MessagesPerSecond { get; set; } = 2_000;

    /// <summary>Start stepping the model as soon as the host starts (false: call <see cref="SimulatorHost.Resume"/>).</summary>
    public bool GenerateOnStart { get; set; } = true;

    /// <summary>Target number of price levels per side of each book.</summary>
    public int BookDepth { get; set; } = 50;

    public List<SimulatedInstrument> Instruments { get; set; } = DefaultInstruments();

    /// <summary>Fault rules (also injectable one at a time with <see cref="FaultInjector.InjectNext"/>).</summary>
    public List<FaultRule> Faults { get; set; } = [];

    /// <summary>How far in the past a stale-timestamp fault puts the exchange time.</summary>
    public TimeSpan StaleTimestampAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Retry-After (seconds) sent with an injected HTTP 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>API key expected in X-MBX-APIKEY on the Binance order endpoints.</summary>
    public string ApiKey { get; set; } = "sim-api-key";

    /// <summary>HMAC-SHA256 secret the order endpoints verify signatures with.</summary>
    public string ApiSecret { get; set; } = "sim-api-secret";

    /// <summary>
    /// Offset of the Binance server clock from the host's wall clock (what <c>/api/v3/time</c> reports and what
    /// signed requests' <c>timestamp</c> is checked against), to exercise clients' server-time sync.
    /// </summary>
    public TimeSpan ClockSkew { get; set; }

    /// <summary>
    /// Starting balances of the Binance account (<c>GET /api/v3/account</c>) by asset, at 8 decimals
    /// (100_000_000 = 1 unit); fills move them from there.
    /// </summary>
    public Dictionary<string, long> InitialBalances { get; set; } = new(StringComparer.Ordinal)
    {
        ["USDT"] = 1_000_000L * 100_000_000,
        ["BTC"] = 10L * 100_000_000,
        ["ETH"] = 100L * 100_000_000,
    };

    /// <summary>A connection whose unsent frames exceed this many bytes is cut (slow consumer).</summary>
    public long MaxQueuedBytesPerConnection { get; set; } = 64L * 1024 * 1024;

    /// <summary>Interval of the Coinbase heartbeats and Binance 24h tickers.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Trades per minute of the deterministic history tape (REST history endpoints), per instrument.</summary>
    public int HistoryTradesPerMinute { get; set; } = 60;

    /// <summary>Registry to intern the simulated instruments into (a new one when null).</summary>
    public InstrumentRegistry? Registry { get; set; }

    /// <summary>BTC and ETH on each venue, with realistic scales, ticks and steps.</summary>
    public static List<SimulatedInstrument> DefaultInstruments() =>
    [
        // Binance: tick 0.01, step 0.00001 BTC / 0.0001 ETH.
        new(Venue.Binance, "BTCUSDT", 2, 5, 1, 1, 65_000_00, 50_000),
        new(Venue.Binance, "ETHUSDT", 2, 4, 1, 1, 3_500_00, 20_000),
        // Coinbase: tick 0.01, step 0.00000001.
        new(Venue.Coinbase, "BTC-USD", 2, 8, 1, 1, 65_000_00, 50_000_000),
        new(Venue.Coinbase, "ETH-USD", 2, 8, 1, 1, 3_500_00, 200_000_000),
        // OKX: BTC tick 0.1 / step 0.00000001, ETH tick 0.01 / step 0.000001.
        new(Venue.Okx, "BTC-USDT", 1, 8, 1, 1, 65_000_0, 50_000_000),
        new(Venue.Okx, "ETH-USDT", 2, 6, 1, 1, 3_500_00, 2_000_000),
    ];

    internal void Validate()
    {
        if (Port is < 0 or > 65532) throw new ArgumentOutOfRangeException(nameof(Port));
        if (BookDepth is < 5 or > 5000) throw new ArgumentOutOfRangeException(nameof(BookDepth), "BookDepth must be within 5..5000.");
        if (MessagesPerSecond < 0) throw new ArgumentOutOfRangeException(nameof(MessagesPerSecond));
        if (Instruments.Count == 0) throw new ArgumentException("At least one instrument is required.");
        if (HistoryTradesPerMinute is < 1 or > 60_000) throw new ArgumentOutOfRangeException(nameof(HistoryTradesPerMinute));
        if (HeartbeatInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval));
    }
}
