using System.Net.WebSockets;
using System.Text.Json;
using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class FaultInjectionTests
{
    [Fact]
    public async Task SequenceGap_Binance_IsVisibleInDepthIds()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@depth"), ct);
        long previous;
        using (var first = await ws.ReceiveJsonAsync(ct)) previous = first.RootElement.Long("u");
        host.Faults.InjectNext(FaultKind.SequenceGap, Venue.Binance);
        var gaps = 0;
        for (var i = 0; i < 2000 && gaps == 0; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var e = d.RootElement;
            if (e.Long("U") > previous + 1) gaps++;
            else Assert.Equal(previous + 1, e.Long("U"));
            previous = e.Long("u");
        }
        Assert.Equal(1, gaps);
        Assert.Equal(1, host.FaultCounters[FaultKind.SequenceGap]);
    }

    [Fact]
    public async Task SequenceGap_Okx_BreaksThePrevSeqIdLink()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.OkxPublicWebSocket, ct);
        await ws.SendAsync("""{"op":"subscribe","args":[{"channel":"books","instId":"ETH-USDT"}]}""", ct);
        (await ws.ReceiveJsonAsync(ct)).Dispose(); // ack
        long seqId;
        using (var snap = await ws.ReceiveJsonAsync(ct)) seqId = snap.RootElement.GetProperty("data")[0].Long("seqId");
        host.Faults.InjectNext(FaultKind.SequenceGap, Venue.Okx);
        var broken = false;
        for (var i = 0; i < 2000 && !broken; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var data = d.RootElement.GetProperty("data")[0];
            broken = data.Long("prevSeqId") != seqId;
            seqId = data.Long("seqId");
        }
        Assert.True(broken);
        Assert.Equal(1, host.FaultCounters[FaultKind.SequenceGap]);
    }

    [Fact]
    public async Task SequenceGap_CoinbaseAdvancedTrade_SkipsASequenceNum()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.CoinbaseAdvancedTradeWebSocket, ct);
        await ws.SendAsync("""{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}""", ct);
        long previous;
        (await ws.ReceiveJsonAsync(ct)).Dispose();
        using (var snap = await ws.ReceiveJsonAsync(ct)) previous = snap.RootElement.Long("sequence_num");
        host.Faults.InjectNext(FaultKind.SequenceGap, Venue.Coinbase);
        var jumped = false;
        for (var i = 0; i < 2000 && !jumped; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var seq = d.RootElement.Long("sequence_num");
            jumped = seq == previous + 2;
            if (!jumped) Assert.Equal(previous + 1, seq);
            previous = seq;
        }
        Assert.True(jumped);
    }

    [Fact]
    public async Task DuplicateMessage_ArrivesTwice()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@depth"), ct);
        var previous = await ws.ReceiveAsync(ct);
        host.Faults.InjectNext(FaultKind.DuplicateMessage, Venue.Binance);
        var duplicates = 0;
        for (var i = 0; i < 2000 && duplicates == 0; i++)
        {
            var text = await ws.ReceiveAsync(ct);
            if (text == previous) duplicates++;
            previous = text;
        }
        Assert.Equal(1, duplicates);
        Assert.Equal(1, host.FaultCounters[FaultKind.DuplicateMessage]);
    }

    [Fact]
    public async Task MalformedJson_FrameIsNotParseable_AndTheStreamGoesOn()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.OkxPublicWebSocket, ct);
        await ws.SendAsync("""{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""", ct);
        await ws.ReceiveAsync(ct); // ack
        await ws.ReceiveAsync(ct); // snapshot
        host.Faults.InjectNext(FaultKind.MalformedJson, Venue.Okx);
        var malformed = 0;
        var afterwards = 0;
        for (var i = 0; i < 2000 && afterwards < 5; i++)
        {
            var text = await ws.ReceiveAsync(ct);
            try
            {
                using var doc = JsonDocument.Parse(text!);
                if (malformed > 0) afterwards++;
            }
            catch (JsonException)
            {
                malformed++;
            }
        }
        Assert.Equal(1, malformed);
        Assert.Equal(5, afterwards);
        Assert.Equal(1, host.FaultCounters[FaultKind.MalformedJson]);
    }

    [Fact]
    public async Task DropConnection_CutsTheSocketWithoutCloseHandshake()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("ethusdt@depth"), ct);
        await ws.ReceiveAsync(ct);
        host.Faults.InjectNext(FaultKind.DropConnection, Venue.Binance);
        var dropped = false;
        try
        {
            for (var i = 0; i < 100_000; i++)
            {
                if (await ws.ReceiveAsync(ct) is null) break;
            }
        }
        catch (WebSocketException)
        {
            dropped = true;
        }
        Assert.True(dropped, "expected an abrupt disconnect");
        Assert.Equal(1, host.FaultCounters[FaultKind.DropConnection]);
        // The client can reconnect right away.
        await using var again = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("ethusdt@depth"), ct);
        using var d = await again.ReceiveJsonAsync(ct);
        Assert.Equal("depthUpdate", d.RootElement.Str("e"));
    }

    [Fact]
    public async Task CrossedBook_QuoteHasBidAtOrAboveAsk()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@bookTicker"), ct);
        await ws.ReceiveAsync(ct);
        host.Faults.InjectNext(FaultKind.CrossedBook, Venue.Binance);
        var r = new BookReplica(2, 5);
        var crossed = 0;
        for (var i = 0; i < 2000 && crossed == 0; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            if (r.Price(d.RootElement.GetProperty("b")) >= r.Price(d.RootElement.GetProperty("a"))) crossed++;
        }
        Assert.Equal(1, crossed);
        Assert.Equal(1, host.FaultCounters[FaultKind.CrossedBook]);
    }

    [Fact]
    public async Task StaleTimestamp_EventTimeFarInThePast()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@depth"), ct);
        await ws.ReceiveAsync(ct);
        host.Faults.InjectNext(FaultKind.StaleTimestamp, Venue.Binance);
        var stale = 0;
        for (var i = 0; i < 2000 && stale == 0; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var age = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - d.RootElement.Long("E");
            if (age > 30 * 60_000) stale++;
            else Assert.True(age < 60_000);
        }
        Assert.Equal(1, stale);
        Assert.Equal(1, host.FaultCounters[FaultKind.StaleTimestamp]);
    }

    [Fact]
    public async Task RateLimit429_WithRetryAfter_OnBothRestApis()
    {
        await using var host = await SimTest.StartAsync(o => o.RetryAfterSeconds = 7);
        var ct = SimTest.Timeout();
        host.Faults.InjectNext(FaultKind.RateLimit429, Venue.Binance);
        var (status, body, response) = await SimTest.GetAsync(host.Endpoints.BinanceRestBase, "/api/v3/depth?symbol=BTCUSDT", ct);
        Assert.Equal(429, status);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        using (var e = JsonDocument.Parse(body)) Assert.Equal(-1003, e.RootElement.Long("code"));
        (status, _, _) = await SimTest.GetAsync(host.Endpoints.BinanceRestBase, "/api/v3/depth?symbol=BTCUSDT", ct);
        Assert.Equal(200, status);

        host.Faults.InjectNext(FaultKind.RateLimit429, Venue.Okx);
        (status, body, response) = await SimTest.GetAsync(host.Endpoints.OkxRestBase, "/api/v5/market/ticker?instId=BTC-USDT", ct);
        Assert.Equal(429, status);
        Assert.NotNull(response.Headers.RetryAfter);
        using (var e = JsonDocument.Parse(body)) Assert.Equal("50011", e.RootElement.Str("code"));
        Assert.Equal(2, host.FaultCounters[FaultKind.RateLimit429]);
    }

    [Fact]
    public async Task ChecksumMismatch_OkxChecksumDoesNotMatchTheBook()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.OkxPublicWebSocket, ct);
        await ws.SendAsync("""{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""", ct);
        (await ws.ReceiveJsonAsync(ct)).Dispose();
        var replica = new OkxBookReplica(1, 8);
        using (var snap = await ws.ReceiveJsonAsync(ct)) replica.Apply(snap.RootElement.GetProperty("data")[0]);
        host.Faults.InjectNext(FaultKind.ChecksumMismatch, Venue.Okx);
        var mismatches = 0;
        for (var i = 0; i < 2000 && mismatches == 0; i++)
        {
            using var d = await ws.ReceiveJsonAsync(ct);
            var data = d.RootElement.GetProperty("data")[0];
            replica.Apply(data);
            if (data.GetProperty("checksum").GetInt32() != replica.Checksum()) mismatches++;
        }
        Assert.Equal(1, mismatches);
        Assert.Equal(1, host.FaultCounters[FaultKind.ChecksumMismatch]);
    }

    [Fact]
    public async Task ConfiguredRules_EveryN_And_Probability_InjectRepeatedly()
    {
        await using var host = await SimTest.StartAsync(o => o.Faults =
        [
            FaultRule.Parse("SequenceGap:every=50:venue=binance"),
            new FaultRule(FaultKind.MalformedJson) { Probability = 0.02, Venue = Venue.Binance },
        ]);
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@depth"), ct);
        long previous = -1;
        int gaps = 0, malformed = 0;
        for (var i = 0; i < 1000; i++)
        {
            var text = await ws.ReceiveAsync(ct);
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text!);
            }
            catch (JsonException)
            {
                malformed++;
                previous = -1; // the truncated message hides its ids
                continue;
            }
            using (doc)
            {
                if (previous >= 0 && doc.RootElement.Long("U") != previous + 1) gaps++;
                previous = doc.RootElement.Long("u");
            }
        }
        Assert.True(gaps >= 5, $"gaps={gaps}");
        Assert.True(malformed >= 2, $"malformed={malformed}");
        Assert.True(host.FaultCounters[FaultKind.SequenceGap] >= gaps);
        Assert.True(host.FaultCounters[FaultKind.MalformedJson] >= malformed);
        Assert.Null(host.PumpError);
    }
}
