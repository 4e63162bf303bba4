using Microsoft.Extensions.Logging;
using TBot.Adapters.Connections;
using TBot.Adapters.Connections.Protocols;
using TBot.Adapters.Ingress;
using TBot.Adapters.RateLimiting;
using TBot.Adapters.Venues;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Runtime;

/// <summary>
/// The live market-data side of the engine: one WebSocket connection per venue (plus a REST snapshot
/// fetcher for Binance), each feeding its own queue, and one ingress thread that runs the
/// <see cref="IngressPipeline"/> over all of them and publishes accepted events into the sink (the ring).
/// </summary>
public sealed class MarketDataRuntime : IAsyncDisposable
{
    private readonly InstrumentRegistry _registry;
    private readonly MarketDataOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly FramePool _pool = new();
    private readonly List<WebSocketConnection> _connections = [];
    private readonly List<SnapshotFetcher> _fetchers = [];
    private readonly List<RestPoller> _pollers = [];
    private readonly List<HttpClient> _http = [];
    private readonly List<RestClient> _rest = [];
    private IngressLoop? _loop;

    public MarketDataRuntime(InstrumentRegistry registry, MarketDataOptions options, IEventSink sink, ILoggerFactory loggers)
    {
        _registry = registry;
        _options = options;
        _loggers = loggers;
        Pipeline = new IngressPipeline(registry, options.Validation, sink, loggers.CreateLogger("tbot.ingress"));
    }

    public IngressPipeline Pipeline { get; }

    public IReadOnlyList<WebSocketConnection> Connections => _connections;

    /// <summary>REST pollers (OKX ticker and candles).</summary>
    public IReadOnlyList<RestPoller> Pollers => _pollers;

    /// <summary>REST clients (snapshots, polls), for their counters.</summary>
    public IReadOnlyList<RestClient> RestClients => _rest;

    /// <summary>Connect every venue and start the ingress thread.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        _loop = new IngressLoop(Pipeline, new IngressLoopOptions { Cpu = _options.IngressCpu }, _loggers.CreateLogger("tbot.ingress"));
        _loop.AddRestHandler(new BinanceDepthSnapshotHandler(_registry));
        var connectionId = 1;
        foreach (var endpoint in _options.Venues)
        {
            var venue = endpoint.Venue;
            var subscriptions = new List<StreamSubscription>();
            var instrumentIds = new List<int>();
            foreach (var instrument in _registry.All)
            {
                if (instrument.Venue != venue) continue;
                instrumentIds.Add(instrument.Id);
                var channels = venue == Venue.Coinbase && endpoint.Feed == VenueEndpoint.CoinbaseExchangeFeed ? _options.CoinbaseExchangeChannels : _options.Channels[venue];
                foreach (var channel in channels) subscriptions.Add(new StreamSubscription(channel, instrument.Symbol, instrument.Id));
            }
            if (subscriptions.Count == 0) continue;
            VenueCatalog.Configure(Pipeline, venue, _registry);

            var limits = RateLimitPresets.For(venue);
            IVenueProtocol protocol = venue switch
            {
                Venue.Binance => new BinanceProtocol(endpoint.WebSocket),
                Venue.Coinbase when endpoint.Feed == VenueEndpoint.CoinbaseExchangeFeed => new CoinbaseExchangeProtocol(endpoint.WebSocket),
                Venue.Coinbase => new CoinbaseProtocol(endpoint.WebSocket),
                _ => new OkxProtocol(endpoint.WebSocket),
            };
            var queue = new SpscFrameQueue(_options.QueueCapacity, _pool);
            var connection = new WebSocketConnection(connectionId, protocol, subscriptions, limits, queue,
                logger: _loggers.CreateLogger($"tbot.{VenueNames.Name(venue)}"));
            _connections.Add(connection);
            _loop.Add(connection);
            _loop.AddConnection(connection, instrumentIds);

            if (venue == Venue.Binance && endpoint.Rest is { } restBase)
            {
                var http = new HttpClient { BaseAddress = restBase };
                _http.Add(http);
                var rest = new RestClient(http, limits, _pool, logger: _loggers.CreateLogger("tbot.binance.rest"));
                _rest.Add(rest);
                var fetcher = new SnapshotFetcher(rest, _registry, new BinanceDepthSnapshotEndpoint(), new SpscFrameQueue(256, _pool),
                    logger: _loggers.CreateLogger("tbot.binance.snapshots"));
                _fetchers.Add(fetcher);
                _loop.Add(fetcher);
            }
            if (venue == Venue.Okx && endpoint.Rest is { } okxRest && _options.RestPollInterval is { } interval)
            {
                var http = new HttpClient { BaseAddress = okxRest };
                _http.Add(http);
                var rest = new RestClient(http, limits, _pool, logger: _loggers.CreateLogger("tbot.okx.rest"));
                _rest.Add(rest);
                var instruments = _registry.All.Where(i => i.Venue == Venue.Okx).ToList();
                var poller = new RestPoller(Venue.Okx, rest, instruments, Okx.OkxPolling.Endpoints, interval, new SpscFrameQueue(256, _pool),
                    _loggers.CreateLogger("tbot.okx.poll"));
                _pollers.Add(poller);
                _loop.Add(poller, new Okx.OkxPollHandler(_registry));
            }
            connectionId++;
        }
        _loop.Start();
        foreach (var f in _fetchers) f.Start(cancellationToken);
        foreach (var p in _pollers) p.Start(cancellationToken);
        foreach (var c in _connections) c.Start(cancellationToken);
        // Registered last so it runs first when the token fires: connections closing because the run is ending
        // must not mark books stale (the run's final book states would then depend on who won the race).
        _stopRegistration = cancellationToken.Register(static loop => ((IngressLoop)loop!).BeginShutdown(), _loop);
    }

    private CancellationTokenRegistration _stopRegistration;

    /// <summary>Close connections, then drain and stop the ingress thread.</summary>
    public async Task StopAsync()
    {
        _loop?.BeginShutdown();
        foreach (var c in _connections) await c.StopAsync().ConfigureAwait(false);
        foreach (var f in _fetchers) await f.StopAsync().ConfigureAwait(false);
        foreach (var p in _pollers) await p.StopAsync().ConfigureAwait(false);
        _loop?.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRegistration.DisposeAsync().ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
        foreach (var c in _connections) await c.DisposeAsync().ConfigureAwait(false);
        _loop?.Dispose();
        foreach (var h in _http) h.Dispose();
    }
}
