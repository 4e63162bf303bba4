using TBot.Adapters.Simulator;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class SimulatorHostTests
{
    [Fact]
    public async Task Start_BindsEphemeralLoopbackPorts_AndExposesEndpoints()
    {
        var registry = new InstrumentRegistry();
        await using var host = await SimTest.StartAsync(o => o.Registry = registry);
        var e = host.Endpoints;
        var uris = new[] { e.BinanceWebSocketBase, e.BinanceRestBase, e.CoinbaseAdvancedTradeWebSocket, e.CoinbaseExchangeWebSocket, e.OkxPublicWebSocket, e.OkxRestBase };
        Assert.All(uris, u => Assert.Equal("127.0.0.1", u.Host));
        Assert.All(uris, u => Assert.NotEqual(0, u.Port));
        Assert.Equal(4, uris.Select(u => u.Port).Distinct().Count());
        Assert.Equal("ws", e.BinanceWebSocketBase.Scheme);
        Assert.Equal("http", e.OkxRestBase.Scheme);
        Assert.Equal("/ws/v5/public", e.OkxPublicWebSocket.AbsolutePath);
        Assert.Equal("/stream", e.BinanceCombinedStreams("btcusdt@depth", "btcusdt@trade").AbsolutePath);
        // The simulated instruments are interned into the caller's registry for the parsers.
        Assert.True(registry.TryGet(Venue.Okx, "BTC-USDT", out var okxBtc));
        Assert.Equal(1, okxBtc.PriceScale);
        Assert.Equal(6, registry.Count);
        var (status, _, _) = await SimTest.GetAsync(e.BinanceRestBase, "/nothing-here", TestContext.Current.CancellationToken);
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Advance_IsRefusedWhileHosted()
    {
        await using var host = await SimTest.StartAsync();
        Assert.Throws<InvalidOperationException>(() => host.Market.Advance(1));
    }

    [Fact]
    public async Task Pause_StopsTheModel_Resume_ContinuesIt()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        while (host.Steps == 0) await Task.Delay(5, ct);
        await host.PauseAsync();
        Assert.True(host.IsPaused);
        var steps = host.Steps;
        var sequence = host.Market.Snapshot(Venue.Binance, "BTCUSDT").Sequence;
        await Task.Delay(100, ct);
        Assert.Equal(steps, host.Steps);
        Assert.Equal(sequence, host.Market.Snapshot(Venue.Binance, "BTCUSDT").Sequence);
        host.Resume();
        while (host.Steps == steps) await Task.Delay(5, ct);
    }

    [Fact]
    public async Task NotGeneratingOnStart_UntilResumed()
    {
        await using var host = await SimTest.StartAsync(o => o.GenerateOnStart = false);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(0, host.Steps);
        host.Resume();
        var ct = SimTest.Timeout();
        while (host.Steps == 0) await Task.Delay(5, ct);
    }

    [Fact]
    public async Task Stop_ClosesClientsPolitely_AndTheHostCanStartAgain()
    {
        var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        await using var ws = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@trade"), ct);
        await ws.ReceiveAsync(ct);
        // Keep reading while the host stops, so the close handshake completes: close frame after the queued frames.
        var reading = Task.Run(async () =>
        {
            while (await ws.ReceiveAsync(ct) is not null)
            {
            }
        }, ct);
        await host.StopAsync(ct);
        Assert.False(host.IsRunning);
        await reading;
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, ws.Socket.CloseStatus);

        await host.StartAsync(ct);
        await using (var again = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@depth"), ct))
        {
            using var d = await again.ReceiveJsonAsync(ct);
            Assert.Equal("depthUpdate", d.RootElement.Str("e"));
        }
        await host.DisposeAsync();
    }

    [Fact]
    public async Task ManyConnections_AllReceive_AndDisconnectsAreCleanedUp()
    {
        await using var host = await SimTest.StartAsync();
        var ct = SimTest.Timeout();
        var clients = new List<WsClient>();
        for (var i = 0; i < 8; i++)
        {
            var uri = (i % 4) switch
            {
                0 => host.Endpoints.BinanceRawStream("btcusdt@depth"),
                1 => host.Endpoints.BinanceCombinedStreams("ethusdt@depth"),
                2 => host.Endpoints.OkxPublicWebSocket,
                _ => host.Endpoints.CoinbaseExchangeWebSocket,
            };
            var c = await WsClient.ConnectAsync(uri, ct);
            if (i % 4 == 2) await c.SendAsync("""{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""", ct);
            if (i % 4 == 3) await c.SendAsync("""{"type":"subscribe","product_ids":["ETH-USD"],"channels":["level2"]}""", ct);
            clients.Add(c);
        }
        foreach (var c in clients)
        {
            for (var k = 0; k < 20; k++) Assert.NotNull(await c.ReceiveAsync(ct));
        }
        Assert.Equal(8, host.ConnectionCount);
        foreach (var c in clients) await c.DisposeAsync();
        while (host.ConnectionCount > 0) await Task.Delay(10, ct);
        Assert.True(host.FramesSent > 160);
        Assert.Null(host.PumpError);
    }

    [Fact]
    public async Task FixedPortInUse_FailsToStart_AndLeavesNothingRunning()
    {
        await using var first = await SimTest.StartAsync();
        var taken = first.Endpoints.BinanceRestBase.Port;
        await using var second = new SimulatorHost(new SimulatorOptions { Port = taken });
        await Assert.ThrowsAnyAsync<IOException>(() => second.StartAsync(TestContext.Current.CancellationToken));
        Assert.False(second.IsRunning);
        second.Market.Advance(1); // not hosted
        Assert.Equal(0, second.Steps);
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorHost(new SimulatorOptions { BookDepth = 1 }));
        Assert.Throws<ArgumentException>(() => new SimulatorHost(new SimulatorOptions
        {
            Instruments = [new SimulatedInstrument(Venue.Binance, "BADUSDT", 2, 5, 3, 1, 100, 10)],
        }));
    }
}
