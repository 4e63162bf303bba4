using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Risk;
using static TBot.Engine.Tests.Risk.RiskBed;

namespace TBot.Engine.Tests.Risk;

public class RiskLimitsConfigTests
{
    private const string Json = """
        {
          "max_order_notional": "5000",
          "max_position_notional": 20000.5,
          "daily_loss_limit": "500",
          "max_drawdown": "800.12345678",
          "max_open_orders": 20,
          "price_collar_bps": "200",
          "max_quote_age_ms": 2000,
          "instruments": {
            "BTCUSDT@binance": { "max_order_quantity": "0.5", "max_position_quantity": "2" },
            "SOL-USDT@okx": { "max_position_quantity": 150.25 }
          },
          "order_rates": { "binance": { "orders_per_second": 10, "burst": 20 }, "okx": { "orders_per_second": "30" } }
        }
        """;

    [Fact]
    public void Resolves_decimals_to_money_units_and_instrument_mantissas()
    {
        var bed = new RiskBed();
        var config = JsonSerializer.Deserialize<RiskLimitsConfig>(Json)!;
        Assert.Empty(config.Validate());
        Assert.Empty(config.Validate(bed.Registry));

        var limits = config.Resolve(bed.Registry);
        Assert.Equal(5_000 * Usdt, limits.MaxOrderNotional);
        Assert.Equal(20_000 * Usdt + Usdt / 2, limits.MaxPositionNotionalPerBot);
        Assert.Equal(500 * Usdt, limits.DailyLossLimit);
        Assert.Equal(80_012_345_678, limits.MaxDrawdown);
        Assert.Equal(20, limits.MaxOpenOrders);
        Assert.Equal(200, limits.PriceCollarBps);
        Assert.Equal(2_000, limits.MaxQuoteAgeMs);
        Assert.Equal(Btc / 2, limits.OrderQuantityLimit(bed.BtcId));
        Assert.Equal(2 * Btc, limits.PositionQuantityLimit(bed.BtcId));
        Assert.Equal(0, limits.OrderQuantityLimit(bed.SolId));
        Assert.Equal(15_025, limits.PositionQuantityLimit(bed.SolId)); // 2 decimals
        Assert.Equal(0, limits.OrderQuantityLimit(bed.EthId));
        Assert.Equal(new VenueOrderRate(10, 20), limits.OrderRate(Venue.Binance));
        Assert.Equal(new VenueOrderRate(30, 0), limits.OrderRate(Venue.Okx));
        Assert.Equal(default, limits.OrderRate(Venue.Coinbase));

        // The resolved limits drive a manager.
        var risk = new RiskManager(bed.Registry, limits);
        var big = Limit(1, bed.BtcId, Side.Buy, 5_000_000, Btc);
        Assert.Equal(RiskRejectReason.MaxOrderQuantity, risk.Check(in big, T0, bed.Market, bed.Orders));
    }

    [Fact]
    public void An_empty_config_has_no_limits()
    {
        var bed = new RiskBed();
        var limits = JsonSerializer.Deserialize<RiskLimitsConfig>("{}")!.Resolve(bed.Registry);
        Assert.Equal(0, limits.MaxOrderNotional + limits.MaxPositionNotionalPerBot + limits.DailyLossLimit + limits.MaxDrawdown);
        Assert.Equal(0, limits.MaxOpenOrders + limits.PriceCollarBps + limits.MaxQuoteAgeMs);
        Assert.Equal(0, limits.OrderQuantityLimit(bed.BtcId));
        Assert.Equal(default, limits.OrderRate(Venue.Binance));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var bed = new RiskBed();
        var config = new RiskLimitsConfig
        {
            MaxOrderNotional = -1m,
            DailyLossLimit = 0.000000001m, // 9 decimals: finer than money
            MaxOpenOrders = -2,
            PriceCollarBps = 200_000,
            MaxQuoteAgeMs = -1,
            Instruments =
            {
                ["BTCUSDT@binance"] = new InstrumentRiskConfig { MaxOrderQuantity = 0.000001m, MaxPositionQuantity = -1m }, // 6 decimals > 5
                ["DOGEUSDT@binance"] = new InstrumentRiskConfig { MaxOrderQuantity = 1m },
                ["BTCUSDT"] = new InstrumentRiskConfig(),
            },
            OrderRates =
            {
                ["kraken"] = new VenueOrderRateConfig { OrdersPerSecond = 1 },
                ["okx"] = new VenueOrderRateConfig { OrdersPerSecond = -1, Burst = 5 },
                ["coinbase"] = new VenueOrderRateConfig { Burst = 5 },
            },
        };
        var withoutRegistry = config.Validate();
        var problems = config.Validate(bed.Registry);

        Assert.Equal(10, withoutRegistry.Count);
        Assert.Equal(12, problems.Count);
        foreach (var expected in new[]
                 {
                     "max_order_notional", "daily_loss_limit", "max_open_orders", "price_collar_bps", "max_quote_age_ms",
                     "instruments.BTCUSDT@binance.max_order_quantity", "instruments.BTCUSDT@binance.max_position_quantity",
                     "instruments.DOGEUSDT@binance: not a configured", "instruments.BTCUSDT: expected", "order_rates.kraken",
                     "order_rates.okx.orders_per_second", "order_rates.coinbase: burst without",
                 })
            Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));

        var error = Assert.Throws<ArgumentException>(() => config.Resolve(bed.Registry));
        Assert.Contains("price_collar_bps", error.Message, StringComparison.Ordinal);
        Assert.Contains("order_rates.kraken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_too_large_for_a_long_is_a_problem_not_a_crash()
    {
        var config = new RiskLimitsConfig { MaxOrderNotional = 1e21m, MaxDrawdown = 1e10m };
        var problems = config.Validate();
        Assert.Single(problems);
        Assert.StartsWith("max_order_notional", problems[0], StringComparison.Ordinal);
    }
}
