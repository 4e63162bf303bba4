using Microsoft.Extensions.Logging;
using TBot.Adapters.Ingress;
using TBot.Adapters.Runtime;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;
using TBot.Engine.Ring;
using TBot.Engine.Trading;
using TBot.Host.Stores;
using TBot.Host.Trading;

namespace TBot.Host.Running;

/// <summary>
/// One engine run: instruments, the ring and its handler chain, market data from the venues (or from an
/// in-process simulator when nothing is configured), until cancelled; then a clean stop (intake first, then
/// the ring drains) and a summary.
/// </summary>
public sealed class EngineRun(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("tbot.run");

    public sealed record Settings(RunConfig? Config, IReadOnlyList<VenueEndpoint> Endpoints, double SimulatorRate, IReadOnlyList<FaultRule> Faults, int RingSize = 1 << 16)
    {
        /// <summary>Journal directory (<c>--journal</c>), else the configuration's, else <see cref="DefaultJournalDirectory"/>.</summary>
        public string? JournalDirectory { get; init; }

        /// <summary>File of operator commands (<c>--control</c>), see <see cref="ControlFile"/>.</summary>
        public string? ControlFile { get; init; }

        /// <summary>Redis / PostgreSQL to project the journal into; none: the in-process cache only.</summary>
        public Stores.StoreSettings Stores { get; init; } = TBot.Host.Stores.StoreSettings.None;

        /// <summary>Filled in once the engine is wired, for the HTTP endpoints (<c>/health</c>, <c>/metrics</c>).</summary>
        public Http.RunView? View { get; init; }

        /// <summary>Told when the engine trades and when it stops (systemd readiness).</summary>
        public Hosting.IRunLifecycle? Lifecycle { get; init; }

        /// <summary>Alert webhook and thresholds (<c>--alert-webhook</c>, config <c>alerts</c>).</summary>
        public Alerts.AlertOptions Alerts { get; init; } = new();

    }

    public const string DefaultJournalDirectory = "data/journal";

    public async Task<RunSummary> RunAsync(Settings settings, CancellationToken stop)
    {
        var registry = new InstrumentRegistry();
        var options = new MarketDataOptions { Validation = settings.Config?.Validation ?? new(), IngressCpu = settings.Config?.IngressCpu };
        SimulatorHost? simulator = null;
        string source;
        if ((settings.Config is null || settings.Config.Venues.Count == 0) && settings.Endpoints.Count == 0)
        {
            // The embedded default: the built-in exchange simulator on loopback, all three wire formats.
            simulator = new SimulatorHost(new SimulatorOptions { MessagesPerSecond = settings.SimulatorRate, Faults = [.. settings.Faults], Registry = registry });
            await simulator.StartAsync(stop).ConfigureAwait(false);
            var e = simulator.Endpoints;
            options.Venues.Add(new VenueEndpoint(Venue.Binance, e.BinanceWebSocketBase, e.BinanceRestBase));
            options.Venues.Add(new VenueEndpoint(Venue.Coinbase, e.CoinbaseAdvancedTradeWebSocket));
            options.Venues.Add(new VenueEndpoint(Venue.Okx, e.OkxPublicWebSocket, e.OkxRestBase));
            source = "simulator";
            _log.LogInformation("Started the built-in simulator: binance {Binance}, coinbase {Coinbase}, okx {Okx}",
                e.BinanceWebSocketBase, e.CoinbaseAdvancedTradeWebSocket, e.OkxPublicWebSocket);
        }
        else
        {
            source = "venues";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            foreach (var (name, venueConfig) in settings.Config?.Venues ?? [])
            {
                VenueNames.TryParse(name, out var venue);
                var production = VenueEndpoint.Production(venue);
                var overridden = settings.Endpoints.FirstOrDefault(e => e.Venue == venue);
                var exchangeFeed = venue == Venue.Coinbase && venueConfig.Feed == VenueEndpoint.CoinbaseExchangeFeed;
                var ws = overridden?.WebSocket ?? (venueConfig.Endpoint is { } ep ? new Uri(ep)
                    : exchangeFeed ? TBot.Adapters.Connections.Protocols.CoinbaseExchangeProtocol.DefaultUri : production.WebSocket);
                var rest = overridden?.Rest ?? (venueConfig.Rest is { } r ? new Uri(r) : production.Rest);
                var fetch = new List<string>();
                foreach (var i in venueConfig.Instruments)
                {
                    if (i.PriceScale is not { } ps || i.QuantityScale is not { } qs)
                    {
                        fetch.Add(i.Symbol);
                        continue;
                    }
                    var tick = i.TickSize is { } t && FixedPoint.TryFromDecimal(decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture), ps, out var tm) ? tm : 0;
                    var step = i.StepSize is { } s && FixedPoint.TryFromDecimal(decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture), qs, out var sm) ? sm : 0;
                    registry.Add(venue, i.Symbol, ps, qs, tick, step);
                }
                if (fetch.Count > 0)
                {
                    // Scales, tick and step straight from the venue, before anything subscribes.
                    var got = await TBot.Adapters.Venues.InstrumentMetadata.FetchAndRegisterAsync(venue, rest!, fetch, registry, http, stop).ConfigureAwait(false);
                    foreach (var i in got)
                        _log.LogInformation("{Instrument}: price scale {PriceScale}, quantity scale {QuantityScale}, tick {Tick}, step {Step} (from the venue)",
                            i.Key, i.PriceScale, i.QuantityScale, i.TickSize, i.StepSize);
                }
                options.Venues.Add(new VenueEndpoint(venue, ws, rest) { Feed = exchangeFeed ? VenueEndpoint.CoinbaseExchangeFeed : null });
            }
        }

        // Trading: the rules, the journal (repaired and replayed into the core), then the chain on the ring.
        var config = settings.Config;
        var profile = new TradingProfile
        {
            Bots = config?.Bots ?? DefaultBots.For(registry),
            Risk = config?.Risk ?? DefaultBots.Risk(),
            Execution = config?.Execution ?? new ExecutionConfig(),
            TimerMs = config?.TimerMs ?? 100,
        };
        var problems = TradingSetup.Validate(profile, registry);
        var journalDirectory = Path.GetFullPath(settings.JournalDirectory ?? config?.Journal.Directory ?? DefaultJournalDirectory);
        var journalOptions = JournalSettings.Options(journalDirectory, config?.Journal ?? new JournalConfig(), problems);
        var binanceRest = options.Venues.FirstOrDefault(v => v.Venue == Venue.Binance)?.Rest;
        problems.AddRange(LiveExecution.Check(profile, binanceRest));
        TradingSession? session = null;
        if (problems.Count == 0)
        {
            try
            {
                session = TradingSession.Open(journalDirectory, journalOptions, registry, profile, loggers, problems, settings.RingSize);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // Another writer holds the journal, a sealed segment is damaged, the directory is unusable: never
                // trade on a journal that cannot be trusted or written.
                problems.Add($"journal {journalDirectory}: {ex.Message}");
            }
        }
        if (session is null || problems.Count > 0)
        {
            if (simulator is not null) await simulator.DisposeAsync().ConfigureAwait(false);
            throw new RunProblemsException(problems);
        }
        foreach (var bot in session.Core.Bots)
            _log.LogInformation("Bot {Id} {Name}: {Strategy} ({Mode})", bot.BotId, bot.Name, bot.Strategy.Name, profile.Execution.Mode);

        // Several producers: ingress, the timer, control commands and live order reports.
        var ring = RingBuffer<MarketEvent>.CreateMultiProducer(settings.RingSize, new YieldingWaitStrategy());
        // Stage latencies: recorded on the ring threads and ingress, read at scrape time and by the aggregator.
        var latencies = new TBot.Engine.Metrics.StageLatencies(settings.RingSize);
        await using var live = profile.Execution.Mode == "live" ? LiveExecution.Attach(session, ring, registry, binanceRest!, loggers) : null;
        session.Start(ring, loggers, latencies);
        // Stores follow the journal from their own checkpoints, on their own tasks: a slow or absent store
        // never slows the ring, and catches up from the journal when it returns.
        var writer = session.Writer;
        // The embedded default store: the in-process hot cache (same keys and TTLs as Redis), always on; it starts at
        // this run's first new record (the cache's values are seconds-lived; positions come absolute with each fill).
        var cache = new TBot.Persistence.Memory.InProcessHotCache(writer.Manifest, startPosition: writer.WrittenPosition);
        await using var projections = await ProjectionSet.StartAsync(journalDirectory, writer.Manifest, settings.Stores,
            () => writer.WrittenPosition, loggers, stop, cache, maintain: true).ConfigureAwait(false);
        // The dashboard's picture of the run: its own projection of the journal, read by the /ws feed (never the core's objects).
        await using var dashboard = settings.View is null ? null : Dashboard.DashboardRun.Start(journalDirectory, writer.Manifest, () => writer.WrittenPosition, loggers);
        // Trading analytics (GET /api/analytics): another projection of the journal, beside the dashboard's.
        await using var analytics = settings.View is null ? null : Analytics.AnalyticsRun.Start(journalDirectory, writer.Manifest, () => writer.WrittenPosition, loggers);
        // The control-plane bus: journal events from here on, subscribers, alerts; polling starts with the engine.
        await using var bus = Bus.RunBus.Start(session, journalDirectory, settings.Alerts, settings.View?.MetricsRegistry, projections.Redis, loggers);
        await using var peers = projections.Redis is { } redisConnection ? PeerSync.Start(redisConnection, writer.Manifest.JournalId, loggers.CreateLogger("tbot.sync")) : null;
        // Nothing trades until the state is rebuilt and (live) reconciled with the venue; both control events are
        // journaled, so a replay enables trading at the same point.
        TradingSession.Publish(ring, ControlCommand.DisableTrading);
        using var timer = new TimerPublisher(ring, TimeSpan.FromMilliseconds(profile.TimerMs));
        timer.Start();
        if (live is not null)
        {
            try
            {
                await live.StartAsync(session, ring, registry, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // No trading on a picture of the venue we could not confirm.
                timer.Dispose();
                session.Stop(TimeSpan.FromSeconds(10));
                if (simulator is not null) await simulator.DisposeAsync().ConfigureAwait(false);
                throw new RunProblemsException([$"Reconciliation with binance failed, not trading: {ex.Message}"]);
            }
        }
        TradingSession.Publish(ring, ControlCommand.EnableTrading);
        using var control = settings.ControlFile is { } controlPath ? new ControlFile(controlPath, ring, loggers.CreateLogger("tbot.control")) : null;
        control?.Start();

        var quotes = new TopOfBookTracker(registry.Count, new RingEventSink(ring, latencies));
        var started = DateTime.UtcNow;
        var runtime = new MarketDataRuntime(registry, options, quotes, loggers);
        SortedDictionary<string, BookTop>? books = null;
        // The run ends on the caller's stop, or when the chain faults (fail closed, see TradingSession.Start).
        using var runStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        string? fault = null;
        var shutdown = config?.Shutdown ?? new Configuration.ShutdownConfig();
        var shutdownOrders = new Hosting.OpenOrdersAtShutdown(shutdown, _log);
        var drained = false;
        var watchdog = Task.Run(async () =>
        {
            while (!runStop.IsCancellationRequested)
            {
                if (session.Fault is { } ex)
                {
                    fault = ex.Message;
                    _log.LogCritical(ex, "The trading chain stopped on an error; stopping the run (nothing more is traded or journaled)");
                    session.Pipeline!.Halt(TimeSpan.FromSeconds(1)); // release the producers the halted chain was gating
                    await runStop.CancelAsync().ConfigureAwait(false);
                    return;
                }
                try { await Task.Delay(100, runStop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        });
        try
        {
            runtime.Start(runStop.Token);
            var parts = new Http.RunParts(registry, runtime, ring, session, projections, started)
            {
                Dashboard = dashboard,
                Analytics = analytics,
                Bus = bus.Bus,
                Latency = new Telemetry.StageLatencyReader(latencies),
                History = new Telemetry.EngineMetricsHistory(),
            };
            settings.View?.Attach(parts);
            bus.StartPolling(parts);
            settings.Lifecycle?.Trading();
            await using var aggregator = Telemetry.EngineMetricsAggregator.Start(parts, parts.History,
                Telemetry.EngineMetricsAggregator.IntervalFrom(config?.Metrics?.AggregateSeconds), loggers);
            try
            {
                await Task.Delay(Timeout.Infinite, runStop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The normal end of a run.
            }
            settings.View?.MarkStopping();
            settings.Lifecycle?.Stopping();
            await bus.StopPollingAsync().ConfigureAwait(false);
            // Books as the run ended, before closing the connections marks them stale.
            books = IngressReport.Books(runtime.Pipeline, registry, quotes);
            _log.LogInformation("Stopping: closing connections, draining the ring");
        }
        finally
        {
            // Intake first, then open orders by policy while the timer still runs (paper cancels land on engine time,
            // live ones when the venue answers), then the ring drains and the journal is flushed, fsynced and closed.
            await runtime.StopAsync().ConfigureAwait(false);
            control?.Dispose();
            if (session.Fault is null) await shutdownOrders.RunAsync(ring, session).ConfigureAwait(false);
            if (live is not null) await live.Gateway.StopAsync().ConfigureAwait(false);
            timer.Dispose();
            drained = session.Stop(TimeSpan.FromSeconds(shutdown.DrainSeconds));
            if (!drained) _log.LogError("The ring did not drain within {Seconds} s", shutdown.DrainSeconds);
        }
        await runStop.CancelAsync().ConfigureAwait(false);
        await watchdog.ConfigureAwait(false);
        // The journal is closed: give the stores a bounded time to hold all of it.
        if (projections.Runners.Count > 0)
        {
            _log.LogInformation("Waiting for the projections to reach journal position {End} (giving up after {Seconds} s without progress)", writer.WrittenPosition, settings.Stores.DrainTimeout.TotalSeconds);
            await projections.DrainAsync(writer.WrittenPosition, settings.Stores.DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        var duration = (DateTime.UtcNow - started).TotalSeconds;

        var venues = new SortedDictionary<string, VenueReport>(StringComparer.Ordinal);
        foreach (var v in options.Venues)
            venues[VenueNames.Name(v.Venue)] = IngressReport.Venue(runtime.Pipeline, v.Venue);
        var processor = session.Pipeline!.Processors[0];
        var trading = TradingReport.From(session.Core);
        var summary = new RunSummary
        {
            DurationSeconds = Math.Round(duration, 3),
            Source = source,
            Venues = venues,
            Books = books ?? IngressReport.Books(runtime.Pipeline, registry, quotes),
            Ring = new RingSummary { Published = ring.Cursor + 1, Processed = session.Core.Counters.Events - session.RebuiltEvents, AverageBatch = Math.Round(processor.AverageBatch, 2) },
            Journal = journalDirectory,
            JournalInfo = JournalRunSummary.From(session),
            Trading = trading,
            Orders = trading.Orders,
            Fills = trading.Fills,
            Positions = trading.Positions,
            Pnl = trading.Pnl,
            StateHash = trading.StateHash,
            Fault = fault,
            Shutdown = new Hosting.ShutdownReport
            {
                OpenOrdersPolicy = shutdown.OpenOrders,
                OpenOrdersAtStop = shutdownOrders.AtStop,
                OpenOrdersAfter = session.Core.Orders.OpenOrders,
                CancelsCompleted = shutdownOrders.Completed,
                RingDrained = drained,
            },
            Live = live is null ? null : LiveSummary.From(live),
            Projections = projections.Report(),
            Sync = peers?.Report(),
            SimulatorFaults = simulator is null ? null : Faults(simulator.FaultCounters),
        };
        await runtime.DisposeAsync().ConfigureAwait(false);
        if (simulator is not null) await simulator.DisposeAsync().ConfigureAwait(false);
        return summary;
    }

    private static SortedDictionary<string, long> Faults(FaultCounters counters)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, n) in counters.ToDictionary()) if (n > 0) result[kind.ToString()] = n;
        return result;
    }
}
