using System.Text.Json;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class OkxSimulatorTests
{
    [Fact]
    public async Task Books_SnapshotChecksumVerifies_UpdatesLinkAndStayVerified()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.OkxPublicWebSocket, ct);
        await ws.SendAsync("""{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""", ct);
        using (var ack = await ws.ReceiveJsonAsync(ct))
        {
            Assert.Equal("subscribe", ack.RootElement.Str("event"));
            Assert.Equal("books", ack.RootElement.GetProperty("arg").Str("channel"));
            Assert.Equal("BTC-USDT", ack.RootElement.GetProperty("arg").Str("instId"));
            Assert.Matches("^[0-9a-f]{8}$", ack.RootElement.Str("connId"));
        }
        var replica = new OkxBookReplica(1, 8);
        long seqId;
        using (var snap = await ws.ReceiveJsonAsync(ct))
        {
            Assert.Equal("snapshot", snap.RootElement.Str("action"));
            var data = snap.RootElement.GetProperty("data")[0];
            Assert.Equal(-1, data.Long("prevSeqId"));
            Assert.Equal(JsonValueKind.Number, data.GetProperty("checksum").ValueKind);
            Assert.Equal(JsonValueKind.String, data.GetProperty("ts").ValueKind);
            replica.Apply(data);
            Assert.Equal(data.GetProperty("checksum").GetInt32(), replica.Checksum());
            seqId = data.Long("seqId");
        }
        for (var i = 0; i < 500; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            Assert.Equal("update", d.RootElement.Str("action"));
            var data = d.RootElement.GetProperty("data")[0];
            Assert.Equal(seqId, data.Long("prevSeqId"));
            seqId = data.Long("seqId");
            replica.Apply(data);
            Assert.Equal(data.GetProperty("checksum").GetInt32(), replica.Checksum());
        }
        await host.PauseAsync();
        var truth = host.Market.Snapshot(Venue.Okx, "BTC-USDT");
        while (seqId < truth.Sequence)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var data = d.RootElement.GetProperty("data")[0];
            Assert.Equal(seqId, data.Long("prevSeqId"));
            seqId = data.Long("seqId");
            replica.Apply(data);
        }
        Assert.True(truth.Matches(replica.ToOrderBook()));
    }

    [Fact]
    public async Task Books5_BboTbt_Tickers_Trades_Shapes()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.OkxPublicWebSocket, ct);
        await ws.SendAsync("""{"op":"subscribe","args":[{"channel":"books5","instId":"ETH-USDT"},{"channel":"bbo-tbt","instId":"ETH-USDT"},{"channel":"tickers","instId":"ETH-USDT"},{"channel":"trades","instId":"ETH-USDT"}]}""", ct);
        var acks = 0;
        var seen = new HashSet<string>();
        for (var i = 0; i < 20_000 && (acks < 4 || seen.Count < 4); i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var root = d.RootElement;
            if (root.Has("event"))
            {
                Assert.Equal("subscribe", root.Str("event"));
                acks++;
                continue;
            }
            var channel = root.GetProperty("arg").Str("channel");
            Assert.Equal("ETH-USDT", root.GetProperty("arg").Str("instId"));
            Assert.False(root.Has("action"));
            var data = root.GetProperty("data")[0];
            seen.Add(channel);
            var r = new OkxBookReplica(2, 6);
            switch (channel)
            {
                case "books5":
                    Assert.Equal(5, data.GetProperty("asks").GetArrayLength());
                    Assert.Equal(5, data.GetProperty("bids").GetArrayLength());
                    Assert.Equal("ETH-USDT", data.Str("instId"));
                    Assert.Equal(JsonValueKind.Number, data.GetProperty("seqId").ValueKind);
                    r.Apply(data);
                    break;
                case "bbo-tbt":
                    Assert.Equal(1, data.GetProperty("asks").GetArrayLength());
                    Assert.Equal(1, data.GetProperty("bids").GetArrayLength());
                    r.Apply(data);
                    Assert.False(r.ToOrderBook().IsCrossed);
                    break;
                case "tickers":
                    Assert.Equal("SPOT", data.Str("instType"));
                    foreach (var k in new[] { "last", "lastSz", "askPx", "askSz", "bidPx", "bidSz", "open24h", "high24h", "low24h", "volCcy24h", "vol24h", "sodUtc0", "sodUtc8", "ts" })
                        Assert.Equal(JsonValueKind.String, data.GetProperty(k).ValueKind);
                    Assert.True(decimal.Parse(data.Str("bidPx"), System.Globalization.CultureInfo.InvariantCulture) < decimal.Parse(data.Str("askPx"), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "trades":
                    Assert.Equal(JsonValueKind.String, data.GetProperty("tradeId").ValueKind);
                    Assert.True(data.Str("side") is "buy" or "sell");
                    Assert.Equal("1", data.Str("count"));
                    Assert.DoesNotMatch(@"\.\d*0$", data.Str("px")); // OKX strips trailing zeros
                    break;
            }
        }
        Assert.Equal(4, acks);
        Assert.Equal(4, seen.Count);
    }

    [Fact]
    public async Task PingPong_AndErrors()
    {
        await using var host = await SimTest.StartAsync(o => o.MessagesPerSecond = 0);
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.OkxPublicWebSocket, ct);
        await ws.SendAsync("ping", ct);
        Assert.Equal("pong", await ws.ReceiveAsync(ct));
        await ws.SendAsync("""{"op":"subscribe","args":[{"channel":"books","instId":"NOPE-USDT"}]}""", ct);
        using (var e = await ws.ReceiveJsonAsync(ct))
        {
            Assert.Equal("error", e.RootElement.Str("event"));
            Assert.Equal("60018", e.RootElement.Str("code"));
        }
        await ws.SendAsync("""{"op":"subscribe","argss":[{"channel":"tickers","instId":"BTC-USDT"}]}""", ct);
        using (var e = await ws.ReceiveJsonAsync(ct))
        {
            Assert.Equal("60012", e.RootElement.Str("code"));
            Assert.StartsWith("Invalid request: ", e.RootElement.Str("msg"));
        }
        await ws.SendAsync("""{"op":"unsubscribe","args":[{"channel":"tickers","instId":"BTC-USDT"}]}""", ct);
        using (var e = await ws.ReceiveJsonAsync(ct)) Assert.Equal("unsubscribe", e.RootElement.Str("event"));
    }

    [Fact]
    public async Task Rest_TickerBooksCandlesInstruments()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        var rest = host.Endpoints.OkxRestBase;

        var (status, body, _) = await SimTest.GetAsync(rest, "/api/v5/market/ticker?instId=BTC-USDT", ct);
        Assert.Equal(200, status);
        using (var t = JsonDocument.Parse(body))
        {
            Assert.Equal("0", t.RootElement.Str("code"));
            var d = t.RootElement.GetProperty("data");
            Assert.Equal(1, d.GetArrayLength());
            Assert.Equal("BTC-USDT", d[0].Str("instId"));
            Assert.Equal(JsonValueKind.String, d[0].GetProperty("ts").ValueKind);
        }

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v5/market/books?instId=BTC-USDT&sz=5", ct);
        Assert.Equal(200, status);
        using (var b = JsonDocument.Parse(body))
        {
            var d = b.RootElement.GetProperty("data")[0];
            Assert.Equal(5, d.GetProperty("asks").GetArrayLength());
            Assert.Equal(5, d.GetProperty("bids").GetArrayLength());
            Assert.Equal(4, d.GetProperty("asks")[0].GetArrayLength());
            Assert.Equal(JsonValueKind.Number, d.GetProperty("seqId").ValueKind);
        }

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v5/market/candles?instId=BTC-USDT&bar=1H&limit=5", ct);
        Assert.Equal(200, status);
        using (var c = JsonDocument.Parse(body))
        {
            var rows = c.RootElement.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(5, rows.Count);
            Assert.All(rows, r => Assert.Equal(9, r.GetArrayLength()));
            Assert.True(long.Parse(rows[0][0].GetString()!) > long.Parse(rows[1][0].GetString()!), "newest first");
            Assert.Equal("0", rows[0][8].GetString());
            Assert.Equal("1", rows[1][8].GetString());
        }

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v5/public/instruments?instType=SPOT", ct);
        using (var i = JsonDocument.Parse(body))
        {
            var btc = i.RootElement.GetProperty("data").EnumerateArray().Single(x => x.Str("instId") == "BTC-USDT");
            Assert.Equal("0.1", btc.Str("tickSz"));
            Assert.Equal("0.00000001", btc.Str("lotSz"));
            Assert.Equal("BTC", btc.Str("baseCcy"));
            Assert.Equal("live", btc.Str("state"));
        }

        (status, body, _) = await SimTest.GetAsync(rest, "/api/v5/market/ticker?instId=NOPE-USDT", ct);
        using (var e = JsonDocument.Parse(body))
        {
            Assert.Equal("51001", e.RootElement.Str("code"));
            Assert.Equal(0, e.RootElement.GetProperty("data").GetArrayLength());
        }
    }
}
