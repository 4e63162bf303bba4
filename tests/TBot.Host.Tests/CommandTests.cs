using System.Text.Json;

namespace TBot.Host.Tests;

/// <summary>The tbot commands exactly as users call them (in-process Program.Main), checked through their JSON output.</summary>
public class CommandTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public async Task Run_with_no_configuration_uses_the_simulator_and_writes_a_summary()
    {
        var json = Temp("run.json");
        var code = await Program.MainAsync(["run", "--duration", "4s", "--json", json, "--journal", Temp("journal")]);
        Assert.Equal(0, code);
        var root = ReadJson(json);
        Assert.Equal("simulator", root.GetProperty("source").GetString());
        foreach (var venue in new[] { "binance", "coinbase", "okx" })
        {
            var v = root.GetProperty("venues").GetProperty(venue);
            Assert.True(v.GetProperty("received").GetInt64() > 0, venue);
            Assert.True(v.GetProperty("accepted").GetInt64() > 0, venue);
            Assert.Empty(v.GetProperty("rejected").EnumerateObject());
            Assert.Equal(0, v.GetProperty("reconnects").GetInt64());
        }
        var books = root.GetProperty("books");
        Assert.Equal(6, books.EnumerateObject().Count());
        foreach (var book in books.EnumerateObject())
        {
            var bid = decimal.Parse(book.Value.GetProperty("bid").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var ask = decimal.Parse(book.Value.GetProperty("ask").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(bid < ask, book.Name);
        }
        var ring = root.GetProperty("ring");
        Assert.True(ring.GetProperty("published").GetInt64() > 0);
        Assert.Equal(ring.GetProperty("published").GetInt64(), ring.GetProperty("processed").GetInt64());
    }

    [Fact]
    public async Task Run_with_a_config_takes_instrument_metadata_from_the_venues_and_connects_to_the_given_endpoints_and_feeds()
    {
        await using var sim = new TBot.Adapters.Simulator.SimulatorHost(new TBot.Adapters.Simulator.SimulatorOptions { MessagesPerSecond = 2000 });
        await sim.StartAsync(TestContext.Current.CancellationToken);
        var e = sim.Endpoints;
        var config = Temp("config.json");
        File.WriteAllText(config, $$"""
        {
          // Binance and OKX: symbols only, scales/tick/step come from exchangeInfo and public/instruments.
          "venues": {
            "binance": { "endpoint": "{{e.BinanceWebSocketBase}}", "rest": "{{e.BinanceRestBase}}", "instruments": [ { "symbol": "BTCUSDT" } ] },
            "okx": { "endpoint": "{{e.OkxPublicWebSocket}}", "rest": "{{e.OkxRestBase}}", "instruments": [ { "symbol": "ETH-USDT" } ] },
            "coinbase": { "endpoint": "{{e.CoinbaseExchangeWebSocket}}", "feed": "exchange", "instruments": [ { "symbol": "BTC-USD", "priceScale": 2, "quantityScale": 8, "tickSize": "0.01" } ] }
          }
        }
        """);
        var json = Temp("run-config.json");
        Assert.Equal(0, await Program.MainAsync(["run", "--config", config, "--duration", "4s", "--json", json, "--journal", Temp("journal")]));
        var root = ReadJson(json);
        Assert.Equal("venues", root.GetProperty("source").GetString());
        foreach (var venue in new[] { "binance", "coinbase", "okx" })
        {
            var v = root.GetProperty("venues").GetProperty(venue);
            Assert.True(v.GetProperty("accepted").GetInt64() > 0, venue);
            Assert.Empty(v.GetProperty("rejected").EnumerateObject());
        }
        var books = root.GetProperty("books");
        Assert.Equal(["BTC-USD@coinbase", "BTCUSDT@binance", "ETH-USDT@okx"], books.EnumerateObject().Select(b => b.Name).Order().ToArray());
        Assert.All(books.EnumerateObject(), b => Assert.True(b.Value.GetProperty("state").GetString() == "live",
            $"{b.Name} is {b.Value.GetProperty("state").GetString()}; venues: {root.GetProperty("venues").GetRawText()}"));
    }

    [Fact]
    public async Task A_bad_config_lists_every_problem_and_does_not_start()
    {
        var config = Temp("bad.json");
        File.WriteAllText(config, """{ "venues": { "kraken": { "instruments": [] }, "coinbase": { "instruments": [ { "symbol": "BTC-USD" } ] } }, "validation": { "priceBandBps": 0 }, "surprise": 1 }""");
        Assert.Equal(2, await Program.MainAsync(["run", "--config", config]));
        File.WriteAllText(config, """{ "venues": { "kraken": { "instruments": [] }, "coinbase": { "instruments": [ { "symbol": "BTC-USD" } ] } }, "validation": { "priceBandBps": 0 } }""");
        var (_, problems) = TBot.Host.Running.RunConfig.Load(config);
        Assert.Contains(problems, p => p.Contains("kraken", StringComparison.Ordinal) && p.Contains("unknown venue", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("kraken.instruments", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("coinbase metadata cannot be fetched", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PriceBandBps", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_reports_the_documented_binance_worked_example()
    {
        var capture = Temp("capture.jsonl");
        static string Line(long ts, string src, string url, string data) =>
            JsonSerializer.Serialize(new { ts, src, url, data });
        const string stream = "wss://stream.binance.com:9443/stream?streams=bnbbtc@depth@100ms";
        string Diff(long e, long u1, long u2, string b, string a) =>
            $"{{\"stream\":\"bnbbtc@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{e},\"s\":\"BNBBTC\",\"U\":{u1},\"u\":{u2},\"b\":[{b}],\"a\":[{a}]}}}}";
        const long t = 1672515782136;
        File.WriteAllLines(capture,
        [
            Line(t * 1_000_000, "ws", stream, Diff(t, 157, 160, "[\"0.0024\",\"10\"]", "[\"0.0026\",\"100\"]")),
            Line((t + 100) * 1_000_000, "ws", stream, Diff(t + 100, 161, 163, "[\"0.0023\",\"5\"]", "")),
            Line((t + 150) * 1_000_000, "rest", "https://api.binance.com/api/v3/depth?symbol=BNBBTC&limit=1000",
                "{\"lastUpdateId\":160,\"bids\":[[\"0.0024\",\"10\"]],\"asks\":[[\"0.0026\",\"100\"]]}"),
            Line((t + 200) * 1_000_000, "ws", stream, Diff(t + 200, 164, 164, "", "[\"0.0025\",\"1\"]")),
            Line((t + 250) * 1_000_000, "ws", stream, "{\"result\":null,\"id\":1}"),
            Line((t + 300) * 1_000_000, "ws", stream, "{\"stream\":\"bnbbtc@depth@100ms\",\"data\":{\"e\":"),
        ]);
        var json = Temp("check.json");
        Assert.Equal(0, await Program.MainAsync(["check", "--venue", "binance", "--input", capture, "--json", json]));
        var root = ReadJson(json);
        Assert.Equal(6, root.GetProperty("read").GetInt64());
        Assert.Equal(1, root.GetProperty("control").GetInt64());
        Assert.Equal(0, root.GetProperty("resyncs").GetInt64());
        Assert.Equal(1, root.GetProperty("rejected").GetProperty("malformed_json").GetInt64());
        var book = root.GetProperty("books").GetProperty("BNBBTC@binance");
        Assert.Equal("live", book.GetProperty("state").GetString());
        Assert.Equal("0.0024", book.GetProperty("bid").GetString());
        Assert.Equal("0.0025", book.GetProperty("ask").GetString());
    }

    [Fact]
    public async Task Perf_ring_writes_every_documented_field_and_allocates_nothing()
    {
        var json = Temp("ring.json");
        var code = await Program.MainAsync(["perf", "ring", "--events", "300000", "--runs", "1", "--pings", "2000", "--json", json]);
        Assert.Equal(0, code);
        var root = ReadJson(json);
        foreach (var field in new[] { "ring_1p1c_eps", "ring_1p1c_avg_batch", "ring_pipeline3_eps", "channels_1p1c_eps", "allocated_bytes_per_event", "events", "cores", "wait_strategy" })
            Assert.True(root.TryGetProperty(field, out _), field);
        foreach (var p in new[] { "p50", "p99", "p999", "max" })
            Assert.True(root.GetProperty("latency_ns").GetProperty(p).GetInt64() > 0, p);
        Assert.Equal(0.0, root.GetProperty("allocated_bytes_per_event").GetDouble());
        Assert.Empty(root.GetProperty("checks").EnumerateArray());
        Assert.Equal(300000, root.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task Perf_ingest_covers_every_venue_without_rejects_or_allocation()
    {
        var json = Temp("ingest.json");
        Assert.Equal(0, await Program.MainAsync(["perf", "ingest", "--frames", "60000", "--json", json]));
        var results = ReadJson(json).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(new[] { "binance", "coinbase", "okx" }, results.Select(r => r.GetProperty("venue").GetString()!).Distinct().ToArray());
        foreach (var r in results)
        {
            Assert.True(r.GetProperty("frames_per_sec").GetDouble() > 0);
            Assert.Equal(0, r.GetProperty("rejected").GetInt64());
            Assert.Equal(0.0, r.GetProperty("allocated_bytes_per_event").GetDouble());
        }
    }

    [Fact]
    public async Task Bad_arguments_exit_with_a_clear_error_and_no_run()
    {
        Assert.Equal(2, await Program.MainAsync(["run", "--duration", "soon"]));
        Assert.Equal(2, await Program.MainAsync(["check", "--venue", "kraken", "--input", "/nonexistent"]));
        Assert.Equal(2, await Program.MainAsync(["perf", "ring", "--ring-size", "1000"]));
        var config = Temp("okx-only.json");
        File.WriteAllText(config, """{ "venues": { "okx": { "instruments": [ { "symbol": "BTC-USDT", "priceScale": 1, "quantityScale": 8 } ] } } }""");
        Assert.Equal(2, await Program.MainAsync(["run", "--config", config, "--endpoint", "binance=ws://127.0.0.1:1"]));
    }
}
