using TBot.Host.Configuration;

namespace TBot.Host.Tests.Configuration;

/// <summary><c>tbot config check</c>: each class of bad configuration is rejected with a message naming what and
/// where; all problems come at once; nothing printed holds a secret.</summary>
public class ConfigCheckTests
{
    private static ConfigCheck.Result Check(string json)
    {
        using var f = new ConfigFixture().Config(json);
        return f.Check();
    }

    private static void HasProblem(ConfigCheck.Result result, params string[] parts)
    {
        Assert.Equal(ConfigCheck.Invalid, result.ExitCode);
        Assert.True(result.Problems.Any(p => parts.All(part => p.Contains(part, StringComparison.Ordinal))),
            $"no problem containing [{string.Join("] [", parts)}] in:\n{string.Join("\n", result.Problems)}");
    }

    [Fact]
    public void A_valid_configuration_passes_with_a_summary()
    {
        var result = Check("""{ "bots": [ { "id": 1, "name": "mm", "strategy": "market-maker", "parameters": { "instrument": "BTCUSDT@binance" } } ] }""");
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Contains(result.Summary, l => l.StartsWith("venues: none configured: the built-in simulator", StringComparison.Ordinal));
        Assert.Contains("bots: 1 mm (market-maker)", result.Summary);
        Assert.Contains("http: 127.0.0.1:9464", result.Summary);
    }

    [Fact]
    public void Unknown_keys_are_listed_with_their_path_all_at_once()
    {
        var result = Check("""
            { "surprise": 1,
              "venues": { "binance": { "endpont": "wss://x", "instruments": [ { "symbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tick": "0.01" } ] } },
              "execution": { "paper": { "latency": 5 } } }
            """);
        HasProblem(result, "surprise: unknown key");
        HasProblem(result, "venues.binance.endpont: unknown key", "endpoint");
        HasProblem(result, "venues.binance.instruments[0].tick: unknown key", "tickSize");
        HasProblem(result, "execution.paper.latency: unknown key", "latencyMs");
        Assert.Equal(4, result.Problems.Count);
    }

    [Fact]
    public void Values_of_the_wrong_type_are_named()
    {
        var result = Check("""{ "timerMs": "fast", "ingressCpu": 1.5, "stores": { "migrateOnStart": "sometimes" }, "venues": { "okx": "BTC-USDT" } }""");
        HasProblem(result, "timerMs: 'fast' is not a whole number.");
        HasProblem(result, "ingressCpu: '1.5' is not a whole number.");
        HasProblem(result, "stores.migrateOnStart: 'sometimes' is not true or false.");
        HasProblem(result, "venues.okx: expected a section, got the value 'BTC-USDT'.");
    }

    [Fact]
    public void Bad_limits_are_rejected()
    {
        var result = Check("""
            { "validation": { "priceBandBps": 0, "stalenessLimitMs": -1 }, "timerMs": 0,
              "risk": { "max_order_notional": "-5", "daily_loss_limit": "-1" },
              "journal": { "fsyncMs": 0 },
              "shutdown": { "cancelWaitSeconds": 0 },
              "alerts": { "disconnectedSeconds": -3 } }
            """);
        HasProblem(result, "PriceBandBps must be in 1..100000");
        HasProblem(result, "StalenessLimitMs must be positive");
        HasProblem(result, "timerMs: must be 1..60000.");
        HasProblem(result, "risk:", "max_order_notional");
        HasProblem(result, "risk:", "daily_loss_limit");
        HasProblem(result, "journal.fsyncMs: must be 1..60000.");
        HasProblem(result, "shutdown.cancelWaitSeconds");
        HasProblem(result, "alerts.disconnectedSeconds: must be positive");
    }

    [Fact]
    public void Unknown_venues_strategies_and_instruments_are_named()
    {
        var result = Check("""
            { "venues": { "kraken": { "instruments": [ { "symbol": "XBTUSD" } ] },
                          "binance": { "instruments": [ { "symbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5 } ] } },
              "bots": [ { "id": 1, "strategy": "momentum", "parameters": {} },
                        { "id": 2, "strategy": "market-maker", "parameters": { "instrument": "DOGEUSDT@binance" } } ],
              "risk": { "instruments": { "SOLUSDT@binance": { "max_order_quantity": "1" } } } }
            """);
        HasProblem(result, "venues.kraken: unknown venue");
        HasProblem(result, "bots[1]: unknown strategy 'momentum'", "market-maker");
        HasProblem(result, "bots[2].parameters", "unknown instrument \"DOGEUSDT@binance\"");
        HasProblem(result, "risk:", "SOLUSDT@binance");
    }

    [Fact]
    public void Bad_strategy_parameters_are_named()
    {
        var result = Check("""
            { "bots": [ { "id": 1, "strategy": "market-maker", "parameters": { "instrument": "BTCUSDT@binance", "half_spread_bps": -1, "quote_sized": 1 } },
                        { "id": 2, "strategy": "mean-reversion", "parameters": { "instrument": "ETHUSDT@binance", "order_type": "stop" } } ] }
            """);
        HasProblem(result, "bots[1].parameters", "half_spread_bps");
        HasProblem(result, "bots[1].parameters", "quote_sized");
        HasProblem(result, "bots[2].parameters", "order_type");
    }

    [Fact]
    public void Live_mode_without_credentials_is_rejected()
    {
        var result = Check("""{ "execution": { "mode": "live", "live": { "enabled": true, "credentialsFile": "/nonexistent/tbot-keys.json" } } }""");
        HasProblem(result, "execution.live:", "tbot-keys.json");
        var off = Check("""{ "execution": { "mode": "live" } }""");
        HasProblem(off, "execution.live.enabled is false");
    }

    [Fact]
    public void Bad_store_connection_strings_are_rejected_without_connecting_and_without_their_password()
    {
        var result = Check("""
            { "stores": { "redis": "127.0.0.1:6379,password=R3dis-Secret,speed=warp", "postgres": "Host=127.0.0.1;Password=Pg-Secret-9;Flavour=strong",
                          "drainSeconds": -1 } }
            """);
        HasProblem(result, "redis connection", "speed");
        HasProblem(result, "postgres connection", "flavour");
        HasProblem(result, "stores.drainSeconds must not be negative.");
        Assert.DoesNotContain(result.Problems, p => p.Contains("R3dis-Secret", StringComparison.Ordinal) || p.Contains("Pg-Secret-9", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_http_address_or_a_public_one_without_a_token_is_rejected()
    {
        HasProblem(Check("""{ "http": { "address": "localhost" } }"""), "http.address localhost: expected ADDRESS:PORT");
        HasProblem(Check("""{ "http": { "address": "0.0.0.0:9464" } }"""), "http.address 0.0.0.0:9464: serving on a non-loopback address needs http.token");
        var withToken = Check("""{ "http": { "address": "0.0.0.0:9464", "token": "Http-Token-123" } }""");
        Assert.True(withToken.Ok, string.Join("\n", withToken.Problems));
        Assert.Contains("http: 0.0.0.0:9464 (token set)", withToken.Summary);
        Assert.DoesNotContain(withToken.Summary, l => l.Contains("Http-Token-123", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_webhook_url_is_rejected()
    {
        HasProblem(Check("""{ "alerts": { "webhook": "hooks.example.com/tbot" } }"""), "alerts.webhook", "is not an http:// or https:// URL");
        HasProblem(Check("""{ "alerts": { "webhook": "ftp://hooks.example.com/x" } }"""), "alerts.webhook", "is not an http:// or https:// URL");
        var ok = Check("""{ "alerts": { "webhook": "https://hooks.example.com/services/T000/B000/Sl4ck-Secret", "disconnectedSeconds": 30, "projectionLagSeconds": 10 } }""");
        Assert.True(ok.Ok, string.Join("\n", ok.Problems));
        Assert.Contains("alerts: webhook https://hooks.example.com/***, disconnected > 30 s, projection lag > 10 s", ok.Summary);
    }

    [Fact]
    public void Every_class_of_problem_is_reported_in_one_pass()
    {
        var result = Check("""
            { "surprise": true, "timerMs": "x", "validation": { "priceBandBps": 0 },
              "bots": [ { "id": 1, "strategy": "momentum" } ],
              "stores": { "redis": "127.0.0.1,speed=warp" }, "http": { "address": "10.1.2.3:80" },
              "alerts": { "webhook": "nope" }, "shutdown": { "openOrders": "sell" }, "logging": { "format": "xml" } }
            """);
        foreach (var part in new[] { "surprise", "timerMs", "PriceBandBps", "momentum", "redis connection", "http.address", "alerts.webhook", "shutdown.openOrders", "logging.format" })
            HasProblem(result, part);
    }
}
