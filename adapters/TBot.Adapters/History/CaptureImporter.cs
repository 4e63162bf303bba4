using Microsoft.Extensions.Logging;
using TBot.Adapters.Capture;
using TBot.Adapters.Ingress;
using TBot.Adapters.Venues;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.History;

/// <summary>
/// <c>tbot history import</c>: a <c>tbot record</c> capture through the live ingress path (parser, the four
/// validation stages, dedup, book sync — exactly what <c>tbot check</c> runs) into catalog days: Trade events to
/// <c>trades</c>, Candle to <c>klines</c>, BookSnapshotLevel/BookDelta to <c>book</c> (quotes, tickers and book
/// status are not catalogued). Record time: the exchange time (trades, book), the capture's receive time when
/// the venue sent none (REST snapshots) and for candles (a captured candle was seen closed then); a time that
/// would step back within a day directory is held at the last one (counted as <c>time_held</c>). Instruments come
/// from the capture (scale = finest precision seen, at least 8), as in <c>tbot check</c>.
/// </summary>
public static class CaptureImporter
{
    public static HistoryImportReport Run(Venue venue, string capturePath, string outputDirectory, ValidationOptions options, ILogger logger)
    {
        var registry = new InstrumentRegistry();
        var discovery = new InstrumentDiscovery(venue);
        using (var pre = CaptureReader.Open(capturePath))
        {
            while (pre.TryRead(out var record)) discovery.Observe(record);
        }
        discovery.RegisterInto(registry);

        using var sink = new CatalogSink(registry, outputDirectory);
        var quotes = new TopOfBookTracker(registry.Count, sink);
        var pipeline = new IngressPipeline(registry, options, quotes, logger);
        VenueCatalog.Configure(pipeline, venue, registry);
        var rest = new RestResponseRouter(registry, pipeline);
        long read = 0;
        using (var reader = CaptureReader.Open(capturePath))
        {
            while (reader.TryRead(out var record))
            {
                read++;
                if (record.Source == CaptureSource.Rest) rest.Route(venue, 0, record.Url, record.Data, record.ReceiveTimeNs);
                else pipeline.ProcessFrame(venue, 1, record.Data, record.ReceiveTimeNs);
                pipeline.Actions.Clear();
            }
        }
        sink.Finish();
        return new HistoryImportReport
        {
            Venue = VenueNames.Name(venue),
            Input = capturePath,
            Out = Path.GetFullPath(outputDirectory),
            Read = read,
            Accepted = pipeline.Stats[(int)venue].Accepted,
            Written = sink.Written,
            Skipped = sink.Skipped,
            Rejected = pipeline.Rejects.Snapshot(venue),
            Days = [.. sink.Days],
        };
    }

    /// <summary>Routes accepted events to one writer per (instrument, kind, day), opened on first use.</summary>
    private sealed class CatalogSink(InstrumentRegistry registry, string root) : IEventSink, IDisposable
    {
        private readonly Dictionary<(int, CatalogKind, DateOnly), CatalogDayWriter> _writers = [];

        public long Written { get; private set; }
        public long Skipped { get; private set; }
        public SortedSet<string> Days { get; } = new(StringComparer.Ordinal);

        public void Publish(ReadOnlySpan<MarketEvent> events)
        {
            foreach (var source in events)
            {
                CatalogKind kind;
                switch (source.Kind)
                {
                    case MarketEventKind.Trade: kind = CatalogKind.Trades; break;
                    case MarketEventKind.Candle: kind = CatalogKind.Klines; break;
                    case MarketEventKind.BookSnapshotLevel or MarketEventKind.BookDelta: kind = CatalogKind.Book; break;
                    default: Skipped++; continue;
                }
                var e = source;
                var timeNs = kind != CatalogKind.Klines && e.ExchangeTimeNs != 0 ? e.ExchangeTimeNs : e.ReceiveTimeNs;
                var day = CatalogLayout.DayOfMs(timeNs / 1_000_000);
                var writer = Writer(e.InstrumentId, kind, day);
                if (timeNs < writer.LastTimeNs)
                {
                    writer.Info.Add("time_held", 1);
                    timeNs = writer.LastTimeNs;
                }
                e.ReceiveTimeNs = timeNs;
                writer.Append(e);
                Written++;
            }
        }

        private CatalogDayWriter Writer(int instrumentId, CatalogKind kind, DateOnly day)
        {
            if (_writers.TryGetValue((instrumentId, kind, day), out var w)) return w;
            registry.TryGet(instrumentId, out var instrument);
            w = CatalogDayWriter.Open(root, instrument!, kind, day, "import", null);
            _writers[(instrumentId, kind, day)] = w;
            Days.Add(w.Directory);
            return w;
        }

        public void Finish()
        {
            foreach (var ((_, _, day), w) in _writers)
            {
                var first = w.Tail.IsEmpty ? w.FirstAppendedNs : w.Tail.FirstTimeNs;
                w.Cover(first, w.LastTimeNs + 1, CatalogLayout.DayStartMs(day) * 1_000_000);
                w.Info.Complete = false; // a capture says nothing about what happened outside it
            }
        }

        public void Dispose()
        {
            foreach (var w in _writers.Values) w.Dispose();
        }
    }
}
