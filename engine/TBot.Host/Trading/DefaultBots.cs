using TBot.Engine.Instruments;
using TBot.Engine.Risk;

namespace TBot.Host.Trading;

/// <summary>
/// The sample bots and limits a first run uses (the embedded simulator, or a configuration without
/// <c>bots</c>): one of each strategy with its default parameters, on instruments that exist.
/// </summary>
public static class DefaultBots
{
    public static List<BotConfig> For(InstrumentRegistry instruments)
    {
        var bots = new List<BotConfig>();
        if (Has(instruments, Venue.Binance, "BTCUSDT"))
            bots.Add(new BotConfig { Id = 1, Name = "mm-btcusdt", Strategy = "market-maker" });
        if (Has(instruments, Venue.Binance, "ETHUSDT"))
            bots.Add(new BotConfig
            {
                Id = 2, Name = "mr-ethusdt", Strategy = "mean-reversion",
                Parameters = new() { ["instrument"] = Json("\"ETHUSDT@binance\""), ["order_size"] = Json("\"0.01\""), ["max_position"] = Json("\"0.03\""), ["entry_z"] = Json("1.5"),
                    ["bar_ms"] = Json("250"), ["window_bars"] = Json("20"), ["cooldown_ms"] = Json("2000") },
            });
        if (Has(instruments, Venue.Binance, "BTCUSDT") && Has(instruments, Venue.Okx, "BTC-USDT"))
            bots.Add(new BotConfig { Id = 3, Name = "xv-btc", Strategy = "cross-venue-spread" });
        return bots;
    }

    /// <summary>Limits tight enough that a sample run shows risk at work (rejections by reason in the summary).</summary>
    public static RiskLimitsConfig Risk() => new()
    {
        MaxOrderNotional = 1_000m,
        MaxPositionNotional = 500m,
        DailyLossLimit = 250m,
        MaxDrawdown = 150m,
        MaxOpenOrders = 4,
        PriceCollarBps = 50,
        MaxQuoteAgeMs = 5_000,
        OrderRates = new()
        {
            ["binance"] = new VenueOrderRateConfig { OrdersPerSecond = 10, Burst = 20 },
            ["okx"] = new VenueOrderRateConfig { OrdersPerSecond = 10, Burst = 20 },
            ["coinbase"] = new VenueOrderRateConfig { OrdersPerSecond = 10, Burst = 20 },
        },
    };

    private static bool Has(InstrumentRegistry instruments, Venue venue, string symbol) => instruments.TryGet(venue, symbol, out _);

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}
