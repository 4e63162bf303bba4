using TBot.Adapters.Connections;
using TBot.Adapters.RateLimiting;

namespace TBot.Adapters.Execution.Binance;

/// <summary>Settings of a <see cref="BinanceSignedClient"/>.</summary>
public sealed class BinanceSignedClientOptions
{
    /// <summary>REST base, e.g. https://api.binance.com (or a simulator's <c>BinanceRestBase</c>).</summary>
    public required Uri RestBase { get; init; }

    /// <summary>recvWindow sent with every signed request (Binance: default 5000, at most 60000).</summary>
    public TimeSpan RecvWindow { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>The venue's rate budget (share the market-data side's, since limits are per IP); Binance presets when null.</summary>
    public VenueRateLimits? RateLimits { get; init; }

    /// <summary>Timeouts and retries of the underlying <see cref="RestClient"/> (order POSTs are never retried).</summary>
    public RestClientOptions? Rest { get; init; }

    /// <summary>HTTP handler (tests, proxies); a pooled SocketsHttpHandler when null.</summary>
    public HttpMessageHandler? Handler { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(RestBase);
        if (RecvWindow <= TimeSpan.Zero || RecvWindow > TimeSpan.FromMilliseconds(60_000))
            throw new ArgumentOutOfRangeException(nameof(RecvWindow), "recvWindow must be within (0, 60000] ms.");
    }
}
