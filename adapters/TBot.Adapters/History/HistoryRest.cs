using TBot.Adapters.Connections;
using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;
using Microsoft.Extensions.Logging;

namespace TBot.Adapters.History;

/// <summary>
/// The REST client a history fetch uses: the venue's preset rate budget (Binance weights, OKX per-endpoint limits;
/// history-trades falls under OKX's strictest documented limit, 20 / 2 s), 429/418 + Retry-After penalty box,
/// <paramref name="attempts"/> attempts per request.
/// </summary>
public static class HistoryRest
{
    /// <summary>Production REST bases (this repository's tests never reach them: they pass the simulator's).</summary>
    public static Uri ProductionBase(Venue venue) => venue switch
    {
        Venue.Binance => new Uri("https://api.binance.com"),
        Venue.Okx => new Uri("https://www.okx.com"),
        Venue.Coinbase => new Uri("https://api.coinbase.com"),
        _ => throw new ArgumentOutOfRangeException(nameof(venue)),
    };

    public static RestClient Create(Venue venue, HttpClient http, int attempts, ILogger? logger = null) =>
        new(http, RateLimitPresets.For(venue), new FramePool(), new RestClientOptions { MaxAttempts = Math.Max(1, attempts) }, logger: logger);
}
