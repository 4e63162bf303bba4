using System.Text.Json;
using TBot.Adapters.Simulator;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class BinanceSimulatorTests
{
    [Fact]
    public async Task RawDepthStream_DeliversDepthUpdates()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@depth"), ct);
        using var doc = await ws.ReceiveJsonAsync(ct);
        var e = doc.RootElement;
        Assert.Equal("depthUpdate", e.Str("e"));
        Assert.Equal("BTCUSDT", e.Str("s"));
        Assert.Equal(JsonValueKind.Number, e.GetProperty("E").ValueKind);
        Assert.True(e.Long("u") >= e.Long("U"));
        Assert.Equal(JsonValueKind.Array, e.GetProperty("b").ValueKind);
        Assert.Equal(JsonValueKind.Array, e.GetProperty("a").ValueKind);
        var level = e.GetProperty("b").GetArrayLength() > 0 ? e.GetProperty("b")[0] : e.GetProperty("a")[0];
        Assert.Equal(2, level.GetArrayLength());
        Assert.Matches(@"^\d+\.\d{8}$", level[0].GetString()); // Binance pads to 8 decimals
    }

    [Fact]
    public async Task DepthStream_UpdateIdsAreContinuous_Across1000Messages()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("ethusdt@depth@100ms"), ct);
        long previous = -1;
        for (var i = 0; i < 1000; i++)
        {
            using var doc = await ws.ReceiveJsonAsync(ct);
            var e = doc.RootElement;
            Assert.Equal("ETHUSDT", e.Str("s"));
            if (previous >= 0) Assert.Equal(previous + 1, e.Long("U"));
            Assert.True(e.Long("u") >= e.Long("U"));
            previous = e.Long("u");
        }
        Assert.True(previous > uint.MaxValue);
    }

    [Fact]
    public async Task RestSnapshot_IsConsistentWithTheDiffStream_AndRebuildsTheAuthoritativeBook()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@depth"), ct);
        // Step 1-2 of the official procedure: buffer events, then fetch the snapshot.
        var buffered = new List<JsonDocument> { await ws.ReceiveJsonAsync(ct) };
        var (status, body, response) = await SimTest.GetAsync(host.Endpoints.BinanceRestBase, "/api/v3/depth?symbol=BTCUSDT&limit=5000", ct);
        Assert.Equal(200, status);
        Assert.True(response.Headers.Contains("X-MBX-USED-WEIGHT-1M"));
        using var snapshot = JsonDocument.Parse(body);
        var lastUpdateId = snapshot.RootElement.Long("lastUpdateId");
        Assert.True(lastUpdateId >= buffered[0].RootElement.Long("U"), "snapshot must not be older than the first buffered event");

        var replica = new BookReplica(2, 5);
        replica.Apply(snapshot.RootElement.GetProperty("bids"), bid: true);
        replica.Apply(snapshot.RootElement.GetProperty("asks"), bid: false);
        var local = lastUpdateId;
        var straddled = false;
        void Apply(JsonElement e)
        {
            var first = e.Long("U");
            var last = e.Long("u");
            if (last <= lastUpdateId) return; // older than the snapshot
            if (!straddled)
            {
                Assert.True(first <= lastUpdateId + 1 && lastUpdateId + 1 <= last, $"first event U={first} u={last} must straddle {lastUpdateId}");
                straddled = true;
            }
            else Assert.Equal(local + 1, first);
            replica.Apply(e.GetProperty("b"), bid: true);
            replica.Apply(e.GetProperty("a"), bid: false);
            local = last;
        }
        foreach (var d in buffered) Apply(d.RootElement);
        for (var i = 0; i < 300; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            Apply(d.RootElement);
        }
        await host.PauseAsync();
        var truth = host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        while (local < truth.Sequence)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            Apply(d.RootElement);
        }
        Assert.Equal(truth.Sequence, local);
        Assert.True(truth.Matches(replica.Book), "client book differs from the simulator's book");
        foreach (var d in buffered) d.Dispose();
    }

    [Fact]
    public async Task CombinedStreams_WrapPayloadsInEnvelopes()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        var names = new[] { "btcusdt@depth", "btcusdt@trade", "btcusdt@aggTrade", "btcusdt@bookTicker", "ethusdt@depth5@100ms" };
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceCombinedStreams(names), ct);
        var seen = new HashSet<string>();
        for (var i = 0; i < 20_000 && seen.Count < names.Length; i++)
        {
            using var doc = await ws.ReceiveJsonAsync(ct);
            var root = doc.RootElement;
            var stream = root.Str("stream");
            Assert.Contains(stream, names);
            var data = root.GetProperty("data");
            seen.Add(stream);
            switch (stream)
            {
                case "btcusdt@depth":
                    Assert.Equal("depthUpdate", data.Str("e"));
                    break;
                case "btcusdt@trade":
                    AssertTrade(data);
                    break;
                case "btcusdt@aggTrade":
                    Assert.Equal("aggTrade", data.Str("e"));
                    Assert.Equal(data.Long("f"), data.Long("l"));
                    Assert.NotEqual(data.Long("a"), data.Long("f"));
                    Assert.Equal(JsonValueKind.String, data.GetProperty("p").ValueKind);
                    break;
                case "btcusdt@bookTicker":
                    AssertBookTicker(data);
                    break;
                case "ethusdt@depth5@100ms":
                    Assert.Equal(5, data.GetProperty("bids").GetArrayLength());
                    Assert.Equal(5, data.GetProperty("asks").GetArrayLength());
                    Assert.True(data.Has("lastUpdateId"));
                    Assert.False(data.Has("e"));
                    break;
            }
        }
        Assert.Equal(names.Length, seen.Count);
    }

    private static void AssertTrade(JsonElement t)
    {
        Assert.Equal("trade", t.Str("e"));
        Assert.Equal("BTCUSDT", t.Str("s"));
        Assert.True(t.Long("t") > 0);
        Assert.Equal(JsonValueKind.String, t.GetProperty("p").ValueKind);
        Assert.Equal(JsonValueKind.String, t.GetProperty("q").ValueKind);
        Assert.True(t.GetProperty("m").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.Equal(JsonValueKind.True, t.GetProperty("M").ValueKind);
        Assert.True(t.Long("T") > 1_600_000_000_000);
    }

    private static void AssertBookTicker(JsonElement b)
    {
        Assert.True(b.Long("u") > 0);
        Assert.Equal("BTCUSDT", b.Str("s"));
        Assert.False(b.Has("e"));
        var replica = new BookReplica(2, 5);
        Assert.True(replica.Price(b.GetProperty("b")) < replica.Price(b.GetProperty("a")));
        Assert.True(replica.Quantity(b.GetProperty("B")) > 0);
        Assert.True(replica.Quantity(b.GetProperty("A")) > 0);
    }

    [Fact]
    public async Task JsonSubscribe_IsAcknowledged_ThenStreams()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(new Uri(host.Endpoints.BinanceWebSocketBase, "/ws"), ct);
        await ws.SendAsync("""{"method":"SUBSCRIBE","params":["btcusdt@bookTicker","btcusdt@trade"],"id":1}""", ct);
        using (var ack = await ws.ReceiveJsonAsync(ct))
        {
            Assert.Equal(JsonValueKind.Null, ack.RootElement.GetProperty("result").ValueKind);
            Assert.Equal(1, ack.RootElement.Long("id"));
        }
        using (var data = await ws.ReceiveUntilAsync(e => e.Has("u") && e.Has("B"), ct)) AssertBookTicker(data.RootElement);
        using (var trade = await ws.ReceiveUntilAsync(e => e.Has("e"), ct)) AssertTrade(trade.RootElement);

        await ws.SendAsync("""{"method":"LIST_SUBSCRIPTIONS","id":"abc3"}""", ct);
        using (var list = await ws.ReceiveUntilAsync(e => e.Has("result"), ct))
        {
            Assert.Equal("abc3", list.RootElement.Str("id"));
            Assert.Equal(["btcusdt@bookTicker", "btcusdt@trade"], list.RootElement.GetProperty("result").EnumerateArray().Select(x => x.GetString()!).ToArray());
        }
        await ws.SendAsync("""{"method":"UNSUBSCRIBE","params":["btcusdt@bookTicker","btcusdt@trade"],"id":312}""", ct);
        using (var unsub = await ws.ReceiveUntilAsync(e => e.Has("result"), ct)) Assert.Equal(312, unsub.RootElement.Long("id"));

        await ws.SendAsync("{not json", ct);
        using (var bad = await ws.ReceiveUntilAsync(e => e.Has("code"), ct)) Assert.Equal(3, bad.RootElement.Long("code"));
        await ws.SendAsync("""{"method":"FLY","id":9}""", ct);
        using (var unknown = await ws.ReceiveUntilAsync(e => e.Has("code"), ct))
        {
            Assert.Equal(2, unknown.RootElement.Long("code"));
            Assert.Equal(9, unknown.RootElement.Long("id"));
        }
    }

    [Fact]
    public async Task TickerStream_Sends24hrTicker()
    {
        await using var host = await SimTest.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("ethusdt@ticker"), ct);
        using var doc = await ws.ReceiveJsonAsync(ct);
        var t = doc.RootElement;
        Assert.Equal("24hrTicker", t.Str("e"));
        Assert.Equal("ETHUSDT", t.Str("s"));
        foreach (var k in new[] { "p", "P", "w", "x", "c", "Q", "b", "B", "a", "A", "o", "h", "l", "v", "q" })
            Assert.Equal(JsonValueKind.String, t.GetProperty(k).ValueKind);
        foreach (var k in new[] { "E", "O", "C", "F", "L", "n" }) Assert.Equal(JsonValueKind.Number, t.GetProperty(k).ValueKind);
        Assert.Equal(t.Long("L") - t.Long("F") + 1, t.Long("n"));
    }

    [Fact]
    public async Task Rest_TimeExchangeInfoBookTickerKlines()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        var rest = host.Endpoints.BinanceRestBase;

        var (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/time", ct);
        Assert.Equal(200, status);
        using (var time = JsonDocument.Parse(body)) Assert.InRange(time.RootElement.Long("serverTime"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000);

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/exchangeInfo", ct);
        Assert.Equal(200, status);
        using (var info = JsonDocument.Parse(body))
        {
            var limits = info.RootElement.GetProperty("rateLimits").EnumerateArray().ToList();
            Assert.Contains(limits, l => l.Str("rateLimitType") == "REQUEST_WEIGHT" && l.Long("limit") == 6000);
            var btc = info.RootElement.GetProperty("symbols").EnumerateArray().Single(s => s.Str("symbol") == "BTCUSDT");
            Assert.Equal("BTC", btc.Str("baseAsset"));
            Assert.Equal("USDT", btc.Str("quoteAsset"));
            var filters = btc.GetProperty("filters").EnumerateArray().ToList();
            Assert.Equal("0.01000000", filters.Single(f => f.Str("filterType") == "PRICE_FILTER").Str("tickSize"));
            Assert.Equal("0.00001000", filters.Single(f => f.Str("filterType") == "LOT_SIZE").Str("stepSize"));
        }

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/ticker/bookTicker?symbol=BTCUSDT", ct);
        Assert.Equal(200, status);
        using (var one = JsonDocument.Parse(body))
        {
            Assert.Equal(JsonValueKind.Object, one.RootElement.ValueKind);
            Assert.Equal("BTCUSDT", one.RootElement.Str("symbol"));
            var r = new BookReplica(2, 5);
            Assert.True(r.Price(one.RootElement.GetProperty("bidPrice")) < r.Price(one.RootElement.GetProperty("askPrice")));
        }
        (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/ticker/bookTicker?symbols=%5B%22BTCUSDT%22,%22ETHUSDT%22%5D", ct);
        using (var many = JsonDocument.Parse(body)) Assert.Equal(2, many.RootElement.GetArrayLength());
        (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/ticker/bookTicker", ct);
        using (var all = JsonDocument.Parse(body)) Assert.Equal(JsonValueKind.Array, all.RootElement.ValueKind);

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=10", ct);
        Assert.Equal(200, status);
        using (var klines = JsonDocument.Parse(body))
        {
            var rows = klines.RootElement.EnumerateArray().ToList();
            Assert.Equal(10, rows.Count);
            Assert.All(rows, k => Assert.Equal(12, k.GetArrayLength()));
            Assert.Equal(60_000, rows[1][0].GetInt64() - rows[0][0].GetInt64());
            Assert.Equal(rows[0][0].GetInt64() + 59_999, rows[0][6].GetInt64());
            Assert.Equal(JsonValueKind.String, rows[0][1].ValueKind);
            Assert.Equal(JsonValueKind.Number, rows[0][8].ValueKind);
        }

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/depth?symbol=NOPE", ct);
        Assert.Equal(400, status);
        using (var err = JsonDocument.Parse(body)) Assert.Equal(-1121, err.RootElement.Long("code"));
        (status, body, _) = await SimTest.GetAsync(rest, "/api/v3/klines?symbol=BTCUSDT&interval=7m", ct);
        using (var err = JsonDocument.Parse(body)) Assert.Equal(-1120, err.RootElement.Long("code"));
        (status, _, _) = await SimTest.GetAsync(rest, "/api/v3/depth", ct);
        Assert.Equal(400, status);
    }
}
