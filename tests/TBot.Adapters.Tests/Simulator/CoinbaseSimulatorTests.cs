using System.Text.Json;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class CoinbaseSimulatorTests
{
    [Fact]
    public async Task AdvancedTrade_Level2_SnapshotThenUpdates_WithConnectionSequence_RebuildsBook()
    {
        await using var host = await SimTest.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.CoinbaseAdvancedTradeWebSocket, ct);
        await ws.SendAsync("""{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}""", ct);

        long expectedSeq = 0;
        JsonDocument Next(JsonDocument d)
        {
            Assert.Equal(expectedSeq++, d.RootElement.Long("sequence_num"));
            Assert.Equal("", d.RootElement.Str("client_id"));
            Assert.EndsWith("Z", d.RootElement.Str("timestamp"));
            return d;
        }

        using (var ack = Next(await ws.ReceiveJsonAsync(ct)))
        {
            Assert.Equal("subscriptions", ack.RootElement.Str("channel"));
            var subs = ack.RootElement.GetProperty("events")[0].GetProperty("subscriptions");
            Assert.Equal("BTC-USD", subs.GetProperty("level2")[0].GetString());
        }
        var replica = new BookReplica(2, 8);
        using (var snap = Next(await ws.ReceiveJsonAsync(ct)))
        {
            Assert.Equal("l2_data", snap.RootElement.Str("channel"));
            var ev = snap.RootElement.GetProperty("events")[0];
            Assert.Equal("snapshot", ev.Str("type"));
            Assert.Equal("BTC-USD", ev.Str("product_id"));
            ApplyL2(replica, ev);
            Assert.True(replica.Book.Bids.Count >= 40 && replica.Book.Asks.Count >= 40);
        }
        for (var i = 0; i < 300; i++)
        {
            using var d = Next(await ws.ReceiveJsonAsync(ct));
            var ev = d.RootElement.GetProperty("events")[0];
            Assert.Equal("update", ev.Str("type"));
            ApplyL2(replica, ev);
            Assert.False(replica.Book.IsCrossed);
        }
        await host.PauseAsync();
        // Anything the pump queues after the pause (this ack) comes after every update.
        await ws.SendAsync("""{"type":"subscribe","channel":"heartbeats"}""", ct);
        while (true)
        {
            using var d = Next(await ws.ReceiveJsonAsync(ct));
            if (d.RootElement.Str("channel") == "subscriptions") break;
            ApplyL2(replica, d.RootElement.GetProperty("events")[0]);
        }
        Assert.True(host.Market.Snapshot(Venue.Coinbase, "BTC-USD").Matches(replica.Book));

        // Heartbeats keep flowing while paused: counter +1 each, Go-style current_time.
        long? counter = null;
        for (var i = 0; i < 2; i++)
        {
            using var hb = Next(await ws.ReceiveJsonAsync(ct));
            Assert.Equal("heartbeats", hb.RootElement.Str("channel"));
            var ev = hb.RootElement.GetProperty("events")[0];
            Assert.Contains(" +0000 UTC m=+", ev.Str("current_time"));
            var c = ev.Long("heartbeat_counter");
            if (counter is { } prev) Assert.Equal(prev + 1, c);
            counter = c;
        }
    }

    private static void ApplyL2(BookReplica replica, JsonElement ev)
    {
        foreach (var u in ev.GetProperty("updates").EnumerateArray())
        {
            var side = u.Str("side");
            Assert.True(side is "bid" or "offer");
            Assert.EndsWith("Z", u.Str("event_time"));
            replica.Book.SideOf(side == "bid").Set(replica.Price(u.GetProperty("price_level")), replica.Quantity(u.GetProperty("new_quantity")), 0, 0);
        }
    }

    [Fact]
    public async Task AdvancedTrade_MarketTradesAndTicker()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.CoinbaseAdvancedTradeWebSocket, ct);
        await ws.SendAsync("""{"type":"subscribe","product_ids":["ETH-USD"],"channel":"market_trades"}""", ct);
        await ws.SendAsync("""{"type":"subscribe","product_ids":["ETH-USD"],"channel":"ticker"}""", ct);
        var sawTradeUpdate = false;
        var sawTickerSnapshot = false;
        var sawTickerUpdate = false;
        for (var i = 0; i < 5000 && !(sawTradeUpdate && sawTickerSnapshot && sawTickerUpdate); i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var root = d.RootElement;
            var ev = root.GetProperty("events")[0];
            switch (root.Str("channel"))
            {
                case "market_trades":
                    foreach (var t in ev.GetProperty("trades").EnumerateArray())
                    {
                        Assert.Equal(JsonValueKind.String, t.GetProperty("trade_id").ValueKind);
                        Assert.Equal("ETH-USD", t.Str("product_id"));
                        Assert.True(t.Str("side") is "BUY" or "SELL");
                        Assert.EndsWith("Z", t.Str("time"));
                    }
                    sawTradeUpdate |= ev.Str("type") == "update";
                    break;
                case "ticker":
                    var tk = ev.GetProperty("tickers")[0];
                    Assert.Equal("ticker", tk.Str("type"));
                    var r = new BookReplica(2, 8);
                    Assert.True(r.Price(tk.GetProperty("best_bid")) < r.Price(tk.GetProperty("best_ask")));
                    foreach (var k in new[] { "price", "volume_24_h", "low_24_h", "high_24_h", "low_52_w", "high_52_w", "price_percent_chg_24_h", "best_bid_quantity", "best_ask_quantity" })
                        Assert.Equal(JsonValueKind.String, tk.GetProperty(k).ValueKind);
                    sawTickerSnapshot |= ev.Str("type") == "snapshot";
                    sawTickerUpdate |= ev.Str("type") == "update";
                    break;
            }
        }
        Assert.True(sawTradeUpdate && sawTickerSnapshot && sawTickerUpdate);
    }

    [Fact]
    public async Task AdvancedTrade_BadSubscribe_ReturnsErrorFrames()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.CoinbaseAdvancedTradeWebSocket, ct);
        await ws.SendAsync("""{"type":"subscribe","product_ids":["DOGE-XYZ"],"channel":"level2"}""", ct);
        using (var e = await ws.ReceiveJsonAsync(ct)) Assert.Equal("error", e.RootElement.Str("type"));
        await ws.SendAsync("""{"type":"subscribe","product_ids":["BTC-USD"],"channel":"nope"}""", ct);
        using (var e = await ws.ReceiveJsonAsync(ct)) Assert.Equal("error", e.RootElement.Str("type"));
    }

    [Fact]
    public async Task ExchangeFeed_SubscribeAck_Snapshot_L2Update_Match_Ticker()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.CoinbaseExchangeWebSocket, ct);
        await ws.SendAsync("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2_batch","matches",{"name":"ticker","product_ids":["ETH-USD"]}]}""", ct);
        using (var ack = await ws.ReceiveJsonAsync(ct))
        {
            Assert.Equal("subscriptions", ack.RootElement.Str("type"));
            var channels = ack.RootElement.GetProperty("channels").EnumerateArray().ToDictionary(c => c.Str("name"), c => c.GetProperty("product_ids")[0].GetString());
            Assert.Equal("BTC-USD", channels["level2_batch"]);
            Assert.Equal("BTC-USD", channels["matches"]);
            Assert.Equal("ETH-USD", channels["ticker"]);
        }
        var replica = new BookReplica(2, 8);
        using (var snap = await ws.ReceiveJsonAsync(ct))
        {
            Assert.Equal("snapshot", snap.RootElement.Str("type"));
            replica.Apply(snap.RootElement.GetProperty("bids"), bid: true);
            replica.Apply(snap.RootElement.GetProperty("asks"), bid: false);
        }
        long lastTradeId = 0, lastMatchSeq = 0;
        var sawTicker = false;
        var l2Updates = 0;
        for (var i = 0; i < 20_000 && !(sawTicker && l2Updates > 100 && lastTradeId > 0); i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var m = d.RootElement;
            switch (m.Str("type"))
            {
                case "l2update":
                    l2Updates++;
                    Assert.Equal("BTC-USD", m.Str("product_id"));
                    foreach (var c in m.GetProperty("changes").EnumerateArray())
                    {
                        Assert.True(c[0].GetString() is "buy" or "sell");
                        replica.Book.SideOf(c[0].GetString() == "buy").Set(replica.Price(c[1]), replica.Quantity(c[2]), 0, 0);
                    }
                    Assert.False(replica.Book.IsCrossed);
                    break;
                case "match":
                case "last_match":
                    var id = m.Long("trade_id");
                    if (lastTradeId != 0 && m.Str("type") == "match") Assert.Equal(lastTradeId + 1, id);
                    Assert.True(m.Long("sequence") > lastMatchSeq);
                    lastTradeId = id;
                    lastMatchSeq = m.Long("sequence");
                    Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", m.Str("maker_order_id"));
                    Assert.True(m.Str("side") is "buy" or "sell");
                    break;
                case "ticker":
                    Assert.Equal("ETH-USD", m.Str("product_id"));
                    Assert.True(m.Long("sequence") > 0);
                    sawTicker = true;
                    break;
            }
        }
        Assert.True(sawTicker && l2Updates > 100 && lastTradeId > 0);
        await host.PauseAsync();
        await ws.SendAsync("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["heartbeat"]}""", ct);
        while (true)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            if (d.RootElement.Str("type") == "subscriptions") break;
            if (d.RootElement.Str("type") != "l2update") continue;
            foreach (var c in d.RootElement.GetProperty("changes").EnumerateArray())
                replica.Book.SideOf(c[0].GetString() == "buy").Set(replica.Price(c[1]), replica.Quantity(c[2]), 0, 0);
        }
        Assert.True(host.Market.Snapshot(Venue.Coinbase, "BTC-USD").Matches(replica.Book));
        using var hb = await ws.ReceiveUntilAsync(e => e.Str("type") == "heartbeat", ct);
        Assert.Equal(host.Market.Snapshot(Venue.Coinbase, "BTC-USD").LastTradeId, hb.RootElement.Long("last_trade_id"));
    }

    [Fact]
    public async Task ExchangeFeed_InvalidChannel_IsRejected()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.CoinbaseExchangeWebSocket, ct);
        await ws.SendAsync("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["full"]}""", ct);
        using var e = await ws.ReceiveJsonAsync(ct);
        Assert.Equal("error", e.RootElement.Str("type"));
        Assert.Equal("Failed to subscribe", e.RootElement.Str("message"));
        Assert.Contains("full", e.RootElement.Str("reason"));
    }
}
