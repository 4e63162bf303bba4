using System.Globalization;
using TBot.Adapters.Okx;
using TBot.Engine.Instruments;

namespace TBot.Adapters.RateLimiting;

/// <summary>
/// Per-venue budgets from the format references (/work/shared/exchange-formats). Every venue limit "N per T"
/// becomes <see cref="RateLimitRule.Window"/>(N, T): never more than N in any window of length T, whichever
/// way the venue counts. Binance's REST numbers are defaults only: apply exchangeInfo's <c>rateLimits</c>
/// with <see cref="VenueRateLimits.ApplyBinanceRateLimits"/>.
/// </summary>
public static class RateLimitPresets
{
    public const string BinanceOrderPath = "/api/v3/order";

    /// <summary>"REQUEST_WEIGHT:1M": exchangeInfo type plus interval in the X-MBX-USED-WEIGHT-(n)(letter) form.</summary>
    public static string BinanceRuleName(string type, int intervalNum, string interval)
    {
        var letter = interval switch
        {
            "SECOND" => "S",
            "MINUTE" => "M",
            "HOUR" => "H",
            "DAY" => "D",
            _ => interval,
        };
        return type + ":" + intervalNum.ToString(CultureInfo.InvariantCulture) + letter;
    }

    public static VenueRateLimits For(Venue venue, TimeProvider? time = null, IRateBudgetStore? store = null) => venue switch
    {
        Venue.Binance => Binance(time, store),
        Venue.Okx => Okx(time, store),
        Venue.Coinbase => Coinbase(time, store),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "No preset for this venue."),
    };

    /// <summary>
    /// Binance spot (format doc §1, §4): REQUEST_WEIGHT 6000/min and RAW_REQUESTS 61000/5 min per IP on every
    /// REST call, ORDERS 50/10 s and 160000/day on order entry; 300 connection attempts per 5 min per IP;
    /// 5 client messages per second per connection (exceeding it disconnects, so the split is strict).
    /// </summary>
    public static VenueRateLimits Binance(TimeProvider? time = null, IRateBudgetStore? store = null)
    {
        var budget = new RateBudget(Venue.Binance, time, store);
        const string weight = "REQUEST_WEIGHT:1M", raw = "RAW_REQUESTS:5M", orders10S = "ORDERS:10S", orders1D = "ORDERS:1D", connects = "WS_CONNECTS:5M";
        budget.SetRule(RateLimitRule.Window(weight, RateLimitKind.Weight, 6000, TimeSpan.FromMinutes(1)));
        budget.SetRule(RateLimitRule.Window(raw, RateLimitKind.Count, 61000, TimeSpan.FromMinutes(5)));
        budget.SetRule(RateLimitRule.Window(orders10S, RateLimitKind.Count, 50, TimeSpan.FromSeconds(10)));
        budget.SetRule(RateLimitRule.Window(orders1D, RateLimitKind.Count, 160000, TimeSpan.FromDays(1)));
        budget.SetRule(RateLimitRule.Window(connects, RateLimitKind.Count, 300, TimeSpan.FromMinutes(5)));
        var limits = new VenueRateLimits(
            budget,
            budget.CreateGate("ws-connect", connects),
            budget.CreateGate("rest", weight, raw),
            RateLimitRule.Window("WS_MESSAGES:1S", RateLimitKind.Count, 5, TimeSpan.FromSeconds(1)),
            clientMessagesPerConnection: true);
        limits.MapRest(BinanceOrderPath, budget.CreateGate("rest-order", weight, raw, orders10S, orders1D));
        return limits;
    }

    /// <summary>
    /// OKX v5 public (format doc §2.1, §4.1): per-endpoint REST limits per IP (e.g. ticker 20 / 2 s, books
    /// 40 / 2 s), 3 connection requests per second per IP, 480 subscribe/unsubscribe/login ops per hour per
    /// connection. Unlisted REST paths get the strictest documented endpoint limit (20 / 2 s).
    /// </summary>
    public static VenueRateLimits Okx(TimeProvider? time = null, IRateBudgetStore? store = null)
    {
        var budget = new RateBudget(Venue.Okx, time, store);
        budget.SetRule(RateLimitRule.Window("WS_CONNECTS:1S", RateLimitKind.Count, OkxRateLimits.WsConnectsPerSecond, TimeSpan.FromSeconds(1)));
        budget.SetRule(RateLimitRule.Window("REST_DEFAULT", RateLimitKind.Count, 20, TimeSpan.FromSeconds(2)));
        var limits = new VenueRateLimits(
            budget,
            budget.CreateGate("ws-connect", "WS_CONNECTS:1S"),
            budget.CreateGate("rest", "REST_DEFAULT"),
            RateLimitRule.Window("WS_OPS:1H", RateLimitKind.Count, OkxRateLimits.WsOpsPerHour, TimeSpan.FromHours(1)),
            clientMessagesPerConnection: true);
        foreach (var endpoint in OkxRateLimits.PublicRest)
        {
            var name = "REST:" + endpoint.Endpoint;
            budget.SetRule(RateLimitRule.Window(name, RateLimitKind.Count, endpoint.Requests, endpoint.Window));
            limits.MapRest(endpoint.Endpoint, budget.CreateGate("rest " + endpoint.Endpoint, name));
        }
        return limits;
    }

    /// <summary>
    /// Coinbase Advanced Trade (format doc A.1, C): 8 connections per second per IP, 8 unauthenticated client
    /// messages per second per IP (shared by all connections), public REST about 10 requests per second per IP.
    /// </summary>
    public static VenueRateLimits Coinbase(TimeProvider? time = null, IRateBudgetStore? store = null)
    {
        var budget = new RateBudget(Venue.Coinbase, time, store);
        budget.SetRule(RateLimitRule.Window("WS_CONNECTS:1S", RateLimitKind.Count, 8, TimeSpan.FromSeconds(1)));
        budget.SetRule(RateLimitRule.Window("REST_PUBLIC:1S", RateLimitKind.Count, 10, TimeSpan.FromSeconds(1)));
        return new VenueRateLimits(
            budget,
            budget.CreateGate("ws-connect", "WS_CONNECTS:1S"),
            budget.CreateGate("rest", "REST_PUBLIC:1S"),
            RateLimitRule.Window("WS_MESSAGES:1S", RateLimitKind.Count, 8, TimeSpan.FromSeconds(1)),
            clientMessagesPerConnection: false);
    }
}
