using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TBot.Adapters.Simulator.Binance;
using TBot.Adapters.Simulator.Coinbase;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Okx;
using TBot.Adapters.Simulator.Orders;
using TBot.Adapters.Simulator.Transport;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator;

/// <summary>
/// The loopback exchange simulator: Kestrel on 127.0.0.1 with one listener per venue API (Binance WS+REST,
/// Coinbase Advanced Trade WS, Coinbase Exchange WS, OKX WS+REST), a seeded market model and a pump thread that
/// streams it at the configured rate, with optional fault injection and a signed Binance-style order endpoint.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly SimulatorContext _ctx;
    private readonly ConcurrentDictionary<int, SimConnection> _connections = new();
    private readonly BinanceFeed _binance;
    private readonly CoinbaseAdvancedFeed _coinbaseAdvanced;
    private readonly CoinbaseExchangeFeed _coinbaseExchange;
    private readonly OkxFeed _okx;
    private readonly BinanceRestApi _binanceRest;
    private readonly OkxRestApi _okxRest;
    private readonly ListenOptions?[] _listeners = new ListenOptions?[4];
    private readonly int[] _ports = new int[4];
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private SimulatorEndpoints? _endpoints;
    private int _nextConnectionId;

    public SimulatorHost(SimulatorOptions? options = null)
    {
        Options = options ?? new SimulatorOptions();
        Options.Validate();
        _ctx = new SimulatorContext(Options, Options.Registry ?? new InstrumentRegistry());
        _binance = new BinanceFeed(_ctx);
        _coinbaseAdvanced = new CoinbaseAdvancedFeed(_ctx);
        _coinbaseExchange = new CoinbaseExchangeFeed(_ctx);
        _okx = new OkxFeed(_ctx);
        _ctx.FeedsByVenue[(int)Venue.Binance].Add(_binance);
        _ctx.FeedsByVenue[(int)Venue.Coinbase].Add(_coinbaseAdvanced);
        _ctx.FeedsByVenue[(int)Venue.Coinbase].Add(_coinbaseExchange);
        _ctx.FeedsByVenue[(int)Venue.Okx].Add(_okx);
        _binanceRest = new BinanceRestApi(_ctx);
        _okxRest = new OkxRestApi(_ctx);
    }

    public SimulatorOptions Options { get; }

    /// <summary>The authoritative markets (read books under <see cref="MarketModel.SyncRoot"/> or via <see cref="MarketModel.Snapshot(Venue, string, int)"/>).</summary>
    public MarketModel Market => _ctx.Model;

    /// <summary>The instruments the simulator serves, interned (share it with the parsers).</summary>
    public InstrumentRegistry Registry => _ctx.Registry;

    /// <summary>Fault rules in force, one-shot injection (<see cref="FaultInjector.InjectNext"/>) and counters.</summary>
    public FaultInjector Faults => _ctx.Faults;

    /// <summary>Injected faults per kind.</summary>
    public FaultCounters FaultCounters => _ctx.Faults.Counters;

    /// <summary>The deterministic history served by the REST history endpoints (the truth a fetch is checked against).</summary>
    public History.HistoryTapes History => _ctx.History;

    /// <summary>Orders placed on the Binance order endpoint.</summary>
    public OrderStore Orders => _ctx.Orders;

    public bool IsRunning => _app is not null;

    /// <summary>Bound URLs; available once <see cref="StartAsync"/> completed.</summary>
    public SimulatorEndpoints Endpoints => _endpoints ?? throw new InvalidOperationException("The simulator is not started.");

    /// <summary>Target frames per second over all connections; can be changed while running.</summary>
    public double MessagesPerSecond
    {
        get => _ctx.Pump.MessagesPerSecond;
        set => _ctx.Pump.MessagesPerSecond = value;
    }

    public int ConnectionCount => _connections.Count;

    /// <summary>Frames queued to clients so far (data, snapshots and acks).</summary>
    public long FramesSent => _ctx.Dispatcher.Delivered;

    /// <summary>Model steps so far.</summary>
    public long Steps => _ctx.Pump.Steps;

    public long SlowConsumerDisconnects => _ctx.Dispatcher.SlowConsumerDisconnects;

    /// <summary>Stop stepping the model; completes when no step is in progress. Frames already queued still go out.</summary>
    public Task PauseAsync() => _ctx.Pump.PauseAsync();

    public void Resume() => _ctx.Pump.Resume();

    public bool IsPaused => _ctx.Pump.IsPaused;

    /// <summary>Set if the pump thread died of an unexpected exception (a simulator bug); streams stop then.</summary>
    public Exception? PumpError => _ctx.Pump.Error;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is not null) throw new InvalidOperationException("Already started.");
            _stopping = new CancellationTokenSource();
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "TBot.Simulator" });
            builder.WebHost.UseKestrelCore();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                for (var i = 0; i < _listeners.Length; i++)
                {
                    var index = i;
                    k.Listen(IPAddress.Loopback, Options.Port == 0 ? 0 : Options.Port + i, lo => _listeners[index] = lo);
                }
            });
            var app = builder.Build();
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
            app.Run(DispatchAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // e.g. a configured port is taken: leave nothing running.
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            _ctx.Model.Hosted = true;
            _ctx.Pump.Start();
            for (var i = 0; i < _ports.Length; i++) _ports[i] = _listeners[i]!.IPEndPoint!.Port;
            _endpoints = new SimulatorEndpoints(
                BinanceWebSocketBase: new Uri($"ws://127.0.0.1:{_ports[0]}"),
                BinanceRestBase: new Uri($"http://127.0.0.1:{_ports[0]}"),
                CoinbaseAdvancedTradeWebSocket: new Uri($"ws://127.0.0.1:{_ports[1]}/"),
                CoinbaseExchangeWebSocket: new Uri($"ws://127.0.0.1:{_ports[2]}/"),
                OkxPublicWebSocket: new Uri($"ws://127.0.0.1:{_ports[3]}/ws/v5/public"),
                OkxRestBase: new Uri($"http://127.0.0.1:{_ports[3]}"));
            _app = app;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is not { } app) return;
            _ctx.Pump.Stop();
            // Polite close first (close frames after what is queued), then cut whatever is still open.
            foreach (var c in _connections.Values) c.Close();
            var deadline = DateTime.UtcNow.AddSeconds(1);
            while (!_connections.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            await _stopping.CancelAsync().ConfigureAwait(false);
            foreach (var c in _connections.Values) c.Kill();
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            _app = null;
            _ctx.Model.Hosted = false;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _ctx.Pump.Stop();
        _ctx.Pump.Dispose();
        _stopping.Dispose();
        _lifecycle.Dispose();
    }

    // ---- request routing --------------------------------------------------------------------------------

    private Task DispatchAsync(HttpContext http)
    {
        var port = http.Connection.LocalPort;
        var path = http.Request.Path.Value ?? "/";
        var ws = http.WebSockets.IsWebSocketRequest;
        if (port == _ports[0])
        {
            if (ws && (path == "/ws" || path.StartsWith("/ws/", StringComparison.Ordinal))) return RunBinanceAsync(http, path, combined: false);
            if (ws && path == "/stream") return RunBinanceAsync(http, path, combined: true);
            if (!ws && path.StartsWith("/api/", StringComparison.Ordinal)) return _binanceRest.HandleAsync(http);
        }
        else if (port == _ports[1])
        {
            if (ws) return RunConnectionAsync(http, ConnectionKind.CoinbaseAdvancedTrade, _coinbaseAdvanced, _coinbaseAdvanced.Attach);
        }
        else if (port == _ports[2])
        {
            if (ws) return RunConnectionAsync(http, ConnectionKind.CoinbaseExchange, _coinbaseExchange, _coinbaseExchange.Attach);
        }
        else if (port == _ports[3])
        {
            if (ws && path.StartsWith("/ws/v5/", StringComparison.Ordinal)) return RunConnectionAsync(http, ConnectionKind.Okx, _okx, _okx.Attach);
            if (!ws && path.StartsWith("/api/v5/", StringComparison.Ordinal)) return _okxRest.HandleAsync(http);
        }
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private Task RunBinanceAsync(HttpContext http, string path, bool combined)
    {
        string[] streams;
        if (combined) streams = http.Request.Query["streams"].ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        else streams = path.Length > 4 ? path[4..].Split('/', StringSplitOptions.RemoveEmptyEntries) : [];
        var kind = combined ? ConnectionKind.BinanceCombined : ConnectionKind.BinanceRaw;
        return RunConnectionAsync(http, kind, _binance, c => _binance.Attach(c, streams));
    }

    private async Task RunConnectionAsync(HttpContext http, ConnectionKind kind, VenueFeed feed, Action<SimConnection> attach)
    {
        if (_stopping.IsCancellationRequested)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = false }).ConfigureAwait(false);
        var c = new SimConnection(Interlocked.Increment(ref _nextConnectionId), kind, http, socket, Options.MaxQueuedBytesPerConnection);
        _connections[c.Id] = c;
        try
        {
            attach(c);
            await c.RunAsync(feed.OnClientText, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(c.Id, out _);
            c.Kill();
            _ctx.Pump.Post(() => feed.OnDisconnected(c));
        }
    }
}
