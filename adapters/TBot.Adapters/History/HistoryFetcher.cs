using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.Binance;
using TBot.Adapters.Connections;
using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.History;

/// <summary>
/// <c>tbot history fetch</c>: for each instrument and each UTC day of [from, to), opens the catalog day (one
/// writer, the journal lock), seeds the cleaner from what the day (or, when empty, the day before) already holds,
/// pages the venue's history endpoint from the resume point, cleans every row with the live reject reasons and
/// appends the accepted events. The day's manifest is updated even when a page finally fails, so a rerun
/// continues after the last written record: no duplicates, no holes. Book: periodic depth snapshots from now
/// until <c>to</c> (REST has no historical book).
/// </summary>
public sealed class HistoryFetcher(RestClient rest, HistoryFetchOptions options, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    public async Task<HistoryFetchReport> FetchAsync(IReadOnlyList<Instrument> instruments, long fromMs, long toMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var report = new HistoryFetchReport { Venue = VenueNames.Name(rest.Venue), Kind = CatalogKinds.Name(options.Kind), Out = Path.GetFullPath(options.OutputDirectory) };
        var clock = Stopwatch.StartNew();
        long requests = 0;
        try
        {
            foreach (var instrument in instruments)
            {
                if (options.Kind == CatalogKind.Book)
                {
                    await BookAsync(instrument, fromMs, toMs, report, ct).ConfigureAwait(false);
                    continue;
                }
                var source = CreateSource(instrument);
                try
                {
                    await RangeAsync(source, instrument, fromMs, toMs, report, ct).ConfigureAwait(false);
                }
                finally
                {
                    requests += source.Requests;
                }
            }
        }
        catch (HistoryFetchException ex)
        {
            report.Error = ex.Message;
            _log.LogError("history fetch stopped: {Error}", ex.Message);
        }
        report.Requests += requests;
        report.Seconds = clock.Elapsed.TotalSeconds;
        foreach (var d in report.Days) report.Records += d.Written;
        report.RecordsPerSecond = report.Seconds > 0 ? report.Records / report.Seconds : 0;
        return report;
    }

    private HistorySource CreateSource(Instrument instrument) => rest.Venue switch
    {
        Venue.Binance => new BinanceHistorySource(rest, instrument, options),
        Venue.Okx => new OkxHistorySource(rest, instrument, options),
        _ => throw new NotSupportedException($"{VenueNames.Name(rest.Venue)}: the exchange formats describe no REST history endpoint (trades or candles) for this venue."),
    };

    private string? Interval => options.Kind == CatalogKind.Klines ? options.Interval : null;

    private async Task RangeAsync(HistorySource source, Instrument instrument, long fromMs, long toMs, HistoryFetchReport report, CancellationToken ct)
    {
        var intervalMs = options.Kind == CatalogKind.Klines ? HistoryFetchOptions.IntervalMs(options.Interval) : 0;
        var cleaner = new HistoryCleaner(options.Kind, intervalMs, options.OutlierBandBps);
        var seeded = false;
        for (var day = CatalogLayout.DayOfMs(fromMs); CatalogLayout.DayStartMs(day) < toMs; day = day.AddDays(1))
        {
            var dayStart = CatalogLayout.DayStartMs(day);
            var start = Math.Max(fromMs, dayStart);
            var end = Math.Min(toMs, dayStart + CatalogLayout.DayMs);
            using var writer = OpenDay(instrument, options.Kind, day);
            var dayReport = new HistoryDayReport { Symbol = instrument.Symbol, Day = CatalogLayout.DayName(day), Path = writer.Directory };
            report.Days.Add(dayReport);
            if (!writer.Tail.IsEmpty)
            {
                cleaner = new HistoryCleaner(options.Kind, intervalMs, options.OutlierBandBps);
                cleaner.Seed(writer.Tail);
            }
            else if (!seeded)
            {
                // Continue the day before's stream only when its coverage reaches this fetch's start (no hole between).
                var previous = CatalogLayout.DayDirectory(options.OutputDirectory, instrument.Venue, instrument.Symbol, options.Kind, day.AddDays(-1));
                if (Directory.Exists(previous) && CatalogDayInfo.FromConfig(Engine.Journal.JournalManifest.Load(previous).Config)?.CoveredTo is { } prevTo
                    && CatalogDayInfo.ParseIso(prevTo) >= start * 1_000_000)
                    cleaner.Seed(CatalogTail.Read(previous));
            }
            seeded = true;
            if (!writer.Tail.IsEmpty && writer.Info.CoveredFrom is { } coveredFrom && start * 1_000_000 < CatalogDayInfo.ParseIso(coveredFrom))
                _log.LogWarning("{Day}: already holds data from {From}; a catalog day is only extended forward (delete it to refetch earlier data)", writer.Directory, coveredFrom);
            var coverFrom = writer.Tail.IsEmpty ? start * 1_000_000 : writer.Info.CoveredFrom is { } f ? CatalogDayInfo.ParseIso(f) : writer.Tail.FirstTimeNs;
            var requestsBefore = source.Requests;
            var reachedNs = writer.Tail.IsEmpty ? start * 1_000_000 : Math.Max(writer.Tail.LastTimeNs, coverFrom);
            try
            {
                var reachedMs = await source.FetchAsync(start, end, writer.Tail, page => Accept(page, cleaner, writer, dayReport), ct).ConfigureAwait(false);
                reachedNs = Math.Max(reachedNs, reachedMs * 1_000_000);
            }
            finally
            {
                // Even after a failure: what is written is covered up to the last record (a rerun continues from there).
                writer.Cover(coverFrom, Math.Max(reachedNs, writer.LastTimeNs), dayStart * 1_000_000);
                writer.Info.Add("requests", source.Requests - requestsBefore);
                dayReport.Written = writer.Appended;
                dayReport.Records = writer.Tail.Records + writer.Appended;
                dayReport.Complete = writer.Info.Complete;
                dayReport.Gaps = writer.Info.Gaps.Count;
            }
            _log.LogInformation("{Day}: +{Written} records, complete={Complete}", writer.Directory, writer.Appended, writer.Info.Complete);
        }
    }

    /// <summary>Open a day for writing; a day held by another writer (journal lock) or of another shape stops the fetch.</summary>
    private CatalogDayWriter OpenDay(Instrument instrument, CatalogKind kind, DateOnly day)
    {
        try
        {
            return CatalogDayWriter.Open(options.OutputDirectory, instrument, kind, day, "fetch", Interval);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new HistoryFetchException($"{instrument.Key} {CatalogLayout.DayName(day)}: {ex.Message}", ex);
        }
    }

    private static void Accept(HistoryPage page, HistoryCleaner cleaner, CatalogDayWriter writer, HistoryDayReport dayReport)
    {
        for (var r = 0; r < page.Rejected.Length; r++)
            if (page.Rejected[r] > 0) Count(writer, dayReport, (RejectReason)r, page.Rejected[r]);
        writer.Info.Add("batches", 1);
        foreach (ref var e in page.Events.AsSpan())
        {
            var reason = cleaner.Check(ref e, out var gap);
            if (gap is not null)
            {
                writer.Info.Gaps.Add(gap);
                writer.Info.Add(RejectReasons.Name(RejectReason.SequenceGap), gap.Missing);
            }
            if (reason != RejectReason.None)
            {
                Count(writer, dayReport, reason, 1);
                continue;
            }
            writer.Append(e);
        }
        writer.Flush();
    }

    private static void Count(CatalogDayWriter writer, HistoryDayReport dayReport, RejectReason reason, long n)
    {
        var name = RejectReasons.Name(reason);
        writer.Info.Add(name, n);
        dayReport.Dropped[name] = dayReport.Dropped.GetValueOrDefault(name) + n;
    }

    /// <summary>Book: one depth snapshot every <see cref="HistoryFetchOptions.SnapshotEvery"/> from max(now, from) until <paramref name="toMs"/>.</summary>
    private async Task BookAsync(Instrument instrument, long fromMs, long toMs, HistoryFetchReport report, CancellationToken ct)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (toMs <= nowMs)
            throw new HistoryFetchException("book: REST serves only the current depth, not past books; give a --to in the future (snapshots are taken until then), or record diffs with `tbot record` and `tbot history import`.");
        if (fromMs > nowMs) await Task.Delay(TimeSpan.FromMilliseconds(fromMs - nowMs), ct).ConfigureAwait(false);
        var page = new HistoryPage();
        var okx = new OkxRestParser(new InstrumentRegistry());
        var cleaner = new HistoryCleaner(CatalogKind.Book);
        CatalogDayWriter? writer = null;
        HistoryDayReport? dayReport = null;
        var symbol = Uri.EscapeDataString(instrument.Symbol);
        var path = rest.Venue == Venue.Okx
            ? $"/api/v5/market/books?instId={symbol}&sz={Math.Min(options.BookDepth, 400)}"
            : $"/api/v3/depth?symbol={symbol}&limit={options.BookDepth}";
        var weight = rest.Venue == Venue.Okx ? 1 : RateLimiting.BinanceWeights.Depth(options.BookDepth);
        using var timer = new PeriodicTimer(options.SnapshotEvery);
        var requests = 0L;
        try
        {
            do
            {
                page.Clear();
                requests++;
                using (var response = await rest.GetAsync(path, weight, ct).ConfigureAwait(false))
                {
                    if (!response.IsSuccess) throw new HistoryFetchException($"{instrument.Key} GET {path}: HTTP {(int)response.StatusCode}");
                    var r = rest.Venue == Venue.Okx
                        ? okx.ParseBooks(response.Body, instrument, response.ReceiveTimeNs, page.Events)
                        : BinanceRestParser.ParseDepthSnapshot(response.Body, instrument, response.ReceiveTimeNs, page.Events);
                    if (r.Kind != FrameKind.Data) throw new HistoryFetchException($"{instrument.Key} GET {path}: {RejectReasons.Name(r.Reason)}");
                }
                var events = page.Events.AsSpan();
                if (events.Length == 0) continue;
                var timeNs = events[0].ExchangeTimeNs != 0 ? events[0].ExchangeTimeNs : events[0].ReceiveTimeNs;
                var day = CatalogLayout.DayOfMs(timeNs / 1_000_000);
                if (writer is null || writer.Info.Day != CatalogLayout.DayName(day))
                {
                    if (writer is not null) CloseBookDay(writer, dayReport!);
                    writer = OpenDay(instrument, CatalogKind.Book, day);
                    dayReport = new HistoryDayReport { Symbol = instrument.Symbol, Day = CatalogLayout.DayName(day), Path = writer.Directory };
                    report.Days.Add(dayReport);
                    cleaner = new HistoryCleaner(CatalogKind.Book);
                    cleaner.Seed(writer.Tail);
                }
                // One snapshot = one time: every level carries the snapshot's time.
                foreach (ref var e in events) e.ExchangeTimeNs = timeNs;
                Accept(page, cleaner, writer, dayReport!);
                writer.Cover(timeNs, timeNs, CatalogLayout.DayStartMs(day) * 1_000_000); // coverage only grows: from stays the first snapshot's
            }
            while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < toMs && await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)
                   && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < toMs);
        }
        finally
        {
            if (writer is not null) CloseBookDay(writer, dayReport!);
            report.Requests += requests;
        }
    }

    private static void CloseBookDay(CatalogDayWriter writer, HistoryDayReport dayReport)
    {
        dayReport.Written = writer.Appended;
        dayReport.Records = writer.Tail.Records + writer.Appended;
        writer.Dispose();
    }
}
