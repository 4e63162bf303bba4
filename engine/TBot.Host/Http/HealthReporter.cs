using TBot.Adapters.Connections;
using TBot.Adapters.Ingress;
using TBot.Engine.Books;
using TBot.Engine.Instruments;

namespace TBot.Host.Http;

/// <summary>Builds <see cref="HealthReport"/> from the run's counters at request time (edge code: allocates freely).</summary>
public sealed class HealthReporter(RunView view, TimeProvider clock)
{
    public HealthReport Report()
    {
        var parts = view.Parts;
        if (parts is null) return new HealthReport { Status = "starting", Problems = ["the engine is starting"] };
        var problems = new List<string>();
        var pipeline = parts.MarketData.Pipeline;
        var venues = new SortedDictionary<string, VenueHealth>(StringComparer.Ordinal);
        foreach (var venue in RunVenues.Of(parts.Registry))
        {
            var name = VenueNames.Name(venue);
            var connections = parts.MarketData.Connections.Where(c => c.Venue == venue)
                .Select(c => new ConnectionHealthReport(c.ConnectionId, StateName(c.State), c.Stats.Connects)).ToList();
            var books = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var instrument in parts.Registry.All)
                if (instrument.Venue == venue && pipeline.Book(instrument.Id) is { } book)
                {
                    books[instrument.Key] = IngressReport.StateName(book.State);
                    if (book.State != BookSyncState.Live) problems.Add($"book {instrument.Key} is {IngressReport.StateName(book.State)}");
                }
            var up = connections.Count > 0 && connections.All(c => c.State == "open");
            if (!up) problems.Add($"venue {name}: not every connection is open");
            var stats = pipeline.Stats[(int)venue];
            venues[name] = new VenueHealth
            {
                Status = up ? "up" : "down",
                Connections = connections,
                Reconnects = stats.Reconnects,
                Resyncs = stats.Resyncs,
                Books = books,
            };
        }
        var session = parts.Session;
        var writer = session.Writer;
        var journal = new JournalHealth(writer.WrittenPosition, writer.BytesWritten, writer.Fsyncs, writer.LastFsyncNs / 1_000.0, writer.IsFaulted);
        var ring = new RingHealth(parts.Ring.Cursor + 1, session.Core.Counters.Events - session.RebuiltEvents, parts.Ring.BufferSize);
        var projections = parts.Projections.Report();
        foreach (var (name, p) in projections)
            if (p.LastError is { } error && p.LagEvents > 0) problems.Add($"projection {name}: {error}");

        var fault = session.Fault;
        string status;
        if (fault is not null || writer.IsFaulted)
        {
            status = "failed";
            problems.Insert(0, $"the trading chain stopped: {fault?.Message ?? "the journal cannot write"}");
        }
        else if (view.Phase == RunPhase.Stopping)
        {
            status = "stopping";
        }
        else status = problems.Count == 0 ? "ok" : "degraded";
        return new HealthReport
        {
            Status = status,
            Problems = problems,
            UptimeSeconds = Math.Round((clock.GetUtcNow().UtcDateTime - parts.StartedUtc).TotalSeconds, 3),
            Venues = venues,
            Ring = ring,
            Journal = journal,
            Projections = projections,
        };
    }

    /// <summary>HTTP status for a report: 200 while the engine trades (ok or degraded), else 503.</summary>
    public static int HttpStatus(HealthReport report) => report.Status is "ok" or "degraded" ? 200 : 503;

    private static string StateName(ConnectionState state) => state switch
    {
        ConnectionState.Created => "created",
        ConnectionState.Connecting => "connecting",
        ConnectionState.Subscribing => "subscribing",
        ConnectionState.Open => "open",
        ConnectionState.Backoff => "backoff",
        ConnectionState.Stopped => "stopped",
        _ => state.ToString().ToLowerInvariant(),
    };
}
