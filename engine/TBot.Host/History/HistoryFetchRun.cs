using Microsoft.Extensions.Logging;
using TBot.Adapters.History;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Venues;
using TBot.Engine.Instruments;

namespace TBot.Host.History;

/// <summary>
/// <c>tbot history fetch</c> wiring: the REST base (production, <c>--endpoint</c>, or the in-process simulator
/// started for the run with <c>--simulator</c>), instrument metadata from the venue, then <see cref="HistoryFetcher"/>.
/// </summary>
public sealed class HistoryFetchRun(ILoggerFactory loggers)
{
    public sealed record Settings(Venue Venue, IReadOnlyList<string> Symbols, long FromMs, long ToMs, HistoryFetchOptions Options)
    {
        /// <summary>REST base from --endpoint; null = production unless <see cref="Simulator"/>.</summary>
        public Uri? Endpoint { get; init; }
        public bool Simulator { get; init; }
        public ulong SimulatorSeed { get; init; } = 42;
        public IReadOnlyList<FaultRule> SimulatorFaults { get; init; } = [];
        /// <summary>Attempts per request (429 waits included); 1 = stop at the first failure.</summary>
        public int Attempts { get; init; } = 4;
    }

    public async Task<HistoryFetchReport> RunAsync(Settings s, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        var log = loggers.CreateLogger("tbot.history");
        SimulatorHost? simulator = null;
        try
        {
            Uri restBase;
            if (s.Simulator)
            {
                simulator = new SimulatorHost(new SimulatorOptions { Seed = s.SimulatorSeed, MessagesPerSecond = 0, Faults = [.. s.SimulatorFaults] });
                await simulator.StartAsync(ct).ConfigureAwait(false);
                restBase = s.Venue == Venue.Okx ? simulator.Endpoints.OkxRestBase : simulator.Endpoints.BinanceRestBase;
                log.LogInformation("Started the built-in simulator (seed {Seed}): {Venue} REST at {Base}", s.SimulatorSeed, VenueNames.Name(s.Venue), restBase);
            }
            else
            {
                restBase = s.Endpoint ?? HistoryRest.ProductionBase(s.Venue);
            }
            using var http = new HttpClient { BaseAddress = restBase, Timeout = Timeout.InfiniteTimeSpan };
            var registry = new InstrumentRegistry();
            var instruments = await InstrumentMetadata.FetchAndRegisterAsync(s.Venue, restBase, s.Symbols, registry, http, ct).ConfigureAwait(false);
            var ordered = s.Symbols.Select(sym => instruments.First(i => i.Symbol == sym)).ToList();
            var rest = HistoryRest.Create(s.Venue, http, s.Attempts, loggers.CreateLogger("tbot.history.rest"));
            var fetcher = new HistoryFetcher(rest, s.Options, log);
            return await fetcher.FetchAsync(ordered, s.FromMs, s.ToMs, ct).ConfigureAwait(false);
        }
        finally
        {
            if (simulator is not null) await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
