using System.Text.Json.Serialization;
using TBot.Engine.Books;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Ingress;

/// <summary>Per-venue counters and book tops of an ingress pipeline, in the shape reports and summaries print.</summary>
public static class IngressReport
{
    public static VenueReport Venue(IngressPipeline pipeline, Venue venue)
    {
        var stats = pipeline.Stats[(int)venue];
        return new VenueReport(stats.Frames, stats.Accepted, stats.Control, pipeline.Rejects.Snapshot(venue), stats.Reconnects, stats.Resyncs);
    }

    /// <summary>Instrument key → best bid/ask: from the local book when it is live, else from the last quote.</summary>
    public static SortedDictionary<string, BookTop> Books(IngressPipeline pipeline, InstrumentRegistry registry, TopOfBookTracker? quotes, Venue? venue = null)
    {
        var books = new SortedDictionary<string, BookTop>(StringComparer.Ordinal);
        foreach (var instrument in registry.All)
        {
            if (venue is { } v && instrument.Venue != v) continue;
            var machine = pipeline.Book(instrument.Id);
            var state = machine is null ? "none" : StateName(machine.State);
            if (machine is not null && machine.State == BookSyncState.Live && machine.Book.TryGetTop(out var bid, out var ask))
            {
                books[instrument.Key] = new BookTop(Text(bid.Price, instrument), Text(ask.Price, instrument), "book", state);
                continue;
            }
            var (qb, qa) = quotes?.Quote(instrument.Id) ?? (0, 0);
            if (qb == 0 && qa == 0)
            {
                if (machine is not null && machine.State != BookSyncState.AwaitingSnapshot) books[instrument.Key] = new BookTop(null, null, "none", state);
                continue;
            }
            books[instrument.Key] = new BookTop(qb > 0 ? Text(qb, instrument) : null, qa > 0 ? Text(qa, instrument) : null, "quote", state);
        }
        return books;
    }

    private static string Text(long price, Instrument instrument) => FixedPoint.ToDecimalString(price, instrument.PriceScale);

    public static string StateName(BookSyncState state) => state switch
    {
        BookSyncState.AwaitingSnapshot => "awaiting_snapshot",
        BookSyncState.Buffering => "buffering",
        BookSyncState.Live => "live",
        BookSyncState.Stale => "stale",
        _ => state.ToString(),
    };
}

/// <summary>One venue's ingress counters.</summary>
public sealed record VenueReport(
    [property: JsonPropertyName("received")] long Received,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("control")] long Control,
    [property: JsonPropertyName("rejected")] SortedDictionary<string, long> Rejected,
    [property: JsonPropertyName("reconnects")] long Reconnects,
    [property: JsonPropertyName("resyncs")] long Resyncs);
