using Microsoft.Extensions.Logging;
using TBot.Adapters.Ingress;
using TBot.Adapters.Runtime;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Engine.Ring;

namespace TBot.Host.Running;

/// <summary>
/// One engine run: instruments, the ring and its handler chain, market data from the venues (or from an
/// in-process simulator when nothing is configured), until cancelled; then a clean stop (intake first, then
/// the ring drains) and a summary.
/// </summary>
public sealed class EngineRun(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("tbot.run");

    public sealed record Settings(RunConfig? Config, IReadOnlyList<VenueEndpoint> Endpoints, double SimulatorRate, IReadOnlyList<FaultRule> Faults, int RingSize = 1 << 16);

    public async Task<RunSummary> RunAsync(Settings settings, CancellationToken stop)
    {
        var registry = new InstrumentRegistry();
        var options = new MarketDataOptions { Validation = settings.Config?.Validation ?? new(), IngressCpu = settings.Config?.IngressCpu };
        SimulatorHost? simulator = null;
        string source;
        if (settings.Config is null && settings.Endpoints.Count == 0)
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

        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(settings.RingSize, new YieldingWaitStrategy());
        var counter = new EventCounterHandler();
        var chain = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Name = "tbot" }, loggers.CreateLogger("tbot.ring"));
        chain.HandleEventsWith("chain", counter);
        chain.Start();

        var quotes = new TopOfBookTracker(registry.Count, new RingEventSink(ring));
        var started = DateTime.UtcNow;
        var runtime = new MarketDataRuntime(registry, options, quotes, loggers);
        try
        {
            runtime.Start(stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The normal end of a run.
            }
            _log.LogInformation("Stopping: closing connections, draining the ring");
        }
        finally
        {
            await runtime.StopAsync().ConfigureAwait(false);
            if (!chain.Halt(TimeSpan.FromSeconds(10))) _log.LogError("The ring did not drain within 10 s");
        }
        var duration = (DateTime.UtcNow - started).TotalSeconds;

        var venues = new SortedDictionary<string, VenueReport>(StringComparer.Ordinal);
        foreach (var v in options.Venues)
            venues[VenueNames.Name(v.Venue)] = IngressReport.Venue(runtime.Pipeline, v.Venue);
        var byKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<MarketEventKind>())
            if (counter[kind] > 0) byKind[kind.ToString()] = counter[kind];
        var processor = chain.Processors[0];
        var summary = new RunSummary
        {
            DurationSeconds = Math.Round(duration, 3),
            Source = source,
            Venues = venues,
            Books = IngressReport.Books(runtime.Pipeline, registry, quotes),
            Ring = new RingSummary { Published = ring.Cursor + 1, Processed = counter.Events, AverageBatch = Math.Round(processor.AverageBatch, 2), ByKind = byKind },
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
