namespace TBot.Adapters.Okx;

/// <summary>One documented request budget: at most <see cref="Requests"/> per <see cref="Window"/>.</summary>
public readonly record struct OkxRateLimit(string Endpoint, int Requests, TimeSpan Window);

/// <summary>
/// OKX public REST limits (format doc §2.1, per IP) as data for the rate limiter, plus the WebSocket
/// connection/op limits (§4.1). Exceeding a REST limit answers HTTP 429 with code 50011.
/// </summary>
public static class OkxRateLimits
{
    public const int RateLimitedHttpStatus = 429;
    public const int RateLimitedCode = 50011;

    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<OkxRateLimit> PublicRest { get; } =
    [
        new("/api/v5/market/ticker", 20, TwoSeconds),
        new("/api/v5/market/tickers", 20, TwoSeconds),
        new("/api/v5/market/books", 40, TwoSeconds),
        new("/api/v5/market/candles", 40, TwoSeconds),
        new("/api/v5/market/history-candles", 20, TwoSeconds),
        new("/api/v5/public/instruments", 20, TwoSeconds),
    ];

    /// <summary>WebSocket connection attempts per second per IP.</summary>
    public const int WsConnectsPerSecond = 3;

    /// <summary>subscribe / unsubscribe / login ops per hour per connection.</summary>
    public const int WsOpsPerHour = 480;

    /// <summary>The limit of an endpoint path (query string ignored); false if it is not in the table.</summary>
    public static bool TryGet(string endpoint, out OkxRateLimit limit)
    {
        var q = endpoint.IndexOf('?');
        var path = q >= 0 ? endpoint.AsSpan(0, q) : endpoint.AsSpan();
        foreach (var l in PublicRest)
        {
            if (path.SequenceEqual(l.Endpoint))
            {
                limit = l;
                return true;
            }
        }
        limit = default;
        return false;
    }
}
