using System.Text.Json;
using TBot.Adapters.Simulator;
using TBot.Engine.Instruments;
using TBot.Engine.Strategy;

namespace TBot.Engine.Tests.Strategy;

public class StrategyFactoryTests
{
    private readonly InstrumentRegistry _simulator = new();

    public StrategyFactoryTests()
    {
        // The built-in simulator's instruments, with their real scales, ticks and steps.
        foreach (var i in SimulatorOptions.DefaultInstruments())
            _simulator.Add(i.Venue, i.Symbol, i.PriceScale, i.QuantityScale, i.TickSize, i.StepSize);
    }

    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void Every_strategy_builds_from_its_defaults_on_the_simulator_instruments()
    {
        Assert.Equal(["market-maker", "mean-reversion", "cross-venue-spread"], StrategyFactory.Names);
        foreach (var name in StrategyFactory.Names)
        {
            var problems = new List<string>();
            Assert.True(StrategyFactory.TryCreate(name, 1, new Dictionary<string, JsonElement>(), _simulator, out var strategy, problems), string.Join("; ", problems));
            Assert.Empty(problems);
            Assert.NotNull(strategy);
            Assert.Equal(name, strategy.Name);
        }
    }

    [Fact]
    public void Defaults_resolve_to_mantissas_at_the_instruments_scales()
    {
        var problems = new List<string>();
        Assert.True(StrategyFactory.TryCreate("cross-venue-spread", 1, new Dictionary<string, JsonElement>(), _simulator, out var s, problems));
        var settings = ((CrossVenueSpread)s!).Settings;
        Assert.Equal("BTCUSDT@binance", settings.InstrumentA.Key);
        Assert.Equal("BTC-USDT@okx", settings.InstrumentB.Key);
        Assert.Equal(8, settings.QuantityScale);
        Assert.Equal(100_000, settings.OrderSize); // 0.001 at 8 decimals
        Assert.Equal(1_000, settings.CommonStep); // Binance's 0.00001 step

        Assert.True(StrategyFactory.TryCreate("market-maker", 1, new Dictionary<string, JsonElement>(), _simulator, out var mm, problems));
        var mms = ((MarketMaker)mm!).Settings;
        Assert.Equal(100, mms.QuoteSize); // 0.001 at Binance's 5 decimals
        Assert.Equal(100_000, mms.HalfSpreadMicroBps); // 0.1 bps
        Assert.Equal(5_000_000_000, mms.RefreshNs);
    }

    [Fact]
    public void Json_numbers_strings_and_booleans_are_accepted()
    {
        var problems = new List<string>();
        var parameters = Json("""
            { "instrument": "BTC-USD@coinbase", "half_spread_bps": 0.5, "quote_size": "0.002", "max_inventory": 0.01,
              "refresh_ms": "2500", "requote_ticks": 4, "post_only": true, "max_quote_age_ms": 0 }
            """);
        Assert.True(StrategyFactory.TryCreate("market-maker", 3, parameters, _simulator, out var s, problems), string.Join("; ", problems));
        var settings = ((MarketMaker)s!).Settings;
        Assert.Equal("BTC-USD@coinbase", settings.Instrument.Key);
        Assert.Equal(500_000, settings.HalfSpreadMicroBps);
        Assert.Equal(200_000, settings.QuoteSize); // 0.002 at 8 decimals
        Assert.Equal(1_000_000, settings.MaxInventory);
        Assert.Equal(2_500 * 1_000_000L, settings.RefreshNs);
        Assert.Equal(4, settings.RequoteTicks);
        Assert.True(settings.PostOnly);
        Assert.Equal(0, settings.MaxQuoteAgeNs);
    }

    [Fact]
    public void Text_values_are_accepted()
    {
        var problems = new List<string>();
        var parameters = new Dictionary<string, string>
        {
            ["instrument"] = "ETHUSDT@binance", ["order_type"] = "MARKET", ["entry_z"] = "2.5", ["exit_z"] = "0.25", ["window_bars"] = "12",
        };
        Assert.True(StrategyFactory.TryCreate("mean-reversion", 2, parameters, _simulator, out var s, problems), string.Join("; ", problems));
        var settings = ((MeanReversion)s!).Settings;
        Assert.Equal("ETHUSDT@binance", settings.Instrument.Key);
        Assert.True(settings.UseMarketOrders);
        Assert.Equal(2.5, settings.EntryZ);
        Assert.Equal(0.25, settings.ExitZ);
        Assert.Equal(12, settings.WindowBars);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var problems = new List<string>();
        var parameters = Json("""
            { "instrument": "NOPE@binance", "half_spread_bps": "wide", "refresh_ms": -5, "requote_ticks": 1.5,
              "post_only": "maybe", "quote_sise": 1, "max_inventory": [1] }
            """);
        Assert.False(StrategyFactory.TryCreate("market-maker", 1, parameters, _simulator, out var s, problems));
        Assert.Null(s);
        Assert.Contains(problems, p => p.StartsWith("unknown parameter 'quote_sise'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("instrument: unknown instrument \"NOPE@binance\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("half_spread_bps: expected a number, got \"wide\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("refresh_ms: -5 is out of range [0, 3600000]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("requote_ticks: expected a whole number, got 1.5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("post_only: expected true or false", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("max_inventory: expected a number, got [1]", StringComparison.Ordinal));
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public void Reports_sizes_finer_than_the_instrument_and_inconsistent_combinations()
    {
        var problems = new List<string>();
        var parameters = Json("""{ "order_size": "0.000001", "entry_z": 1, "exit_z": 1.5 }""");
        Assert.False(StrategyFactory.TryCreate("mean-reversion", 1, parameters, _simulator, out _, problems));
        Assert.Contains(problems, p => p.StartsWith("order_size: 0.000001 has more decimals than BTCUSDT@binance allows (5)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("exit_z: must be below entry_z", StringComparison.Ordinal));

        problems.Clear();
        Assert.False(StrategyFactory.TryCreate("market-maker", 1, Json("""{ "quote_size": 0.01, "max_inventory": 0.005 }"""), _simulator, out _, problems));
        Assert.StartsWith("max_inventory: must be at least quote_size", Assert.Single(problems));

        problems.Clear();
        Assert.False(StrategyFactory.TryCreate("cross-venue-spread", 1, Json("""{ "instrument_b": "BTCUSDT@binance" }"""), _simulator, out _, problems));
        Assert.StartsWith("instrument_b: must differ from instrument_a", Assert.Single(problems));

        problems.Clear();
        Assert.False(StrategyFactory.TryCreate("market-maker", 1, Json("""{ "quote_size": 0 }"""), _simulator, out _, problems));
        Assert.StartsWith("quote_size: 0 is smaller than one step of BTCUSDT@binance (0.00001)", Assert.Single(problems));
    }

    [Fact]
    public void A_default_instrument_missing_from_the_registry_is_reported_as_such()
    {
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Okx, "BTC-USDT", 1, 8, 1, 1);
        var problems = new List<string>();
        Assert.False(StrategyFactory.TryCreate("market-maker", 1, new Dictionary<string, JsonElement>(), registry, out _, problems));
        Assert.Equal("instrument: unknown instrument \"BTCUSDT@binance\" (the default)", Assert.Single(problems));

        problems.Clear();
        Assert.True(StrategyFactory.TryCreate("market-maker", 1, Json("""{ "instrument": "BTC-USDT@okx" }"""), registry, out _, problems), string.Join("; ", problems));
    }

    [Fact]
    public void Unknown_strategy_is_a_problem_and_earlier_problems_do_not_fail_a_good_one()
    {
        var problems = new List<string> { "an earlier bot's problem" };
        Assert.False(StrategyFactory.TryCreate("grid", 1, new Dictionary<string, JsonElement>(), _simulator, out _, problems));
        Assert.Equal("unknown strategy 'grid' (known: market-maker, mean-reversion, cross-venue-spread)", problems[1]);
        Assert.True(StrategyFactory.TryCreate("mean-reversion", 1, new Dictionary<string, JsonElement>(), _simulator, out var s, problems));
        Assert.NotNull(s);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Describe_lists_parameters_with_defaults_and_units()
    {
        var specs = StrategyFactory.Describe("market-maker");
        var half = Assert.Single(specs, p => p.Name == "half_spread_bps");
        Assert.Equal("0.1", half.Default);
        Assert.Equal("bps", half.Unit);
        Assert.StartsWith("half_spread_bps = 0.1 (bps, 0..1000): ", half.ToString());
        Assert.Contains(StrategyFactory.Describe("mean-reversion"), p => p.Name == "order_type" && p.Choices.SequenceEqual(["limit", "market"]));
        Assert.Contains(StrategyFactory.Describe("cross-venue-spread"), p => p.Name == "flatten_net" && p.Default == "true");
        Assert.Throws<ArgumentException>(() => StrategyFactory.Describe("grid"));
        foreach (var name in StrategyFactory.Names)
        {
            foreach (var spec in StrategyFactory.Describe(name))
            {
                Assert.Matches("^[a-z][a-z0-9_]*$", spec.Name);
                Assert.False(string.IsNullOrWhiteSpace(spec.Description));
            }
        }
    }
}
