using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using TBot.Adapters.History;
using TBot.Host.Stores;
using TBot.Persistence.Postgres;
using TBot.Persistence.Postgres.History;

namespace TBot.Host.History;

/// <summary>
/// Catalog days → PostgreSQL/TimescaleDB: the schema first (migrated when <paramref name="migrate"/>, as the engine
/// does at start), then each day journal through <see cref="HistoryDayStore"/> under its own checkpoint
/// (<see cref="CatalogDayJournal.Checkpoint"/>: idempotent, resumable), then the upkeep of the days that got rows
/// (<see cref="HistoryStoreUpkeep"/>: candles, compression, ANALYZE). Cancelling stops after the batch in flight;
/// what was committed stays and the next store resumes there.
/// </summary>
public sealed class HistoryPostgresStore(string connectionString, bool migrate, ILogger log, int batchRecords = 8192)
{
    /// <summary>Called after each day is stored (progress; tests use it to interrupt a store between days).</summary>
    public Action<HistoryStoreDay>? DayStored { get; init; }

    public async Task<HistoryStoreReport> StoreAsync(IReadOnlyList<string> dayDirectories, CancellationToken cancellationToken)
    {
        var path = await new PostgresSchemaGate(connectionString, migrate, log).EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var source = NpgsqlDataSource.Create(connectionString);
        var store = new HistoryDayStore(source, path, batchRecords);
        var report = new HistoryStoreReport { Path = SchemaPathNames.Name(path) };
        var touched = new SortedSet<DateOnly>();
        var clock = Stopwatch.StartNew();
        // A fetch that failed before its first page of a day reports the day without a journal: nothing to store.
        foreach (var directory in dayDirectories.Where(d => File.Exists(TBot.Engine.Journal.JournalManifest.PathIn(d))))
        {
            var day = CatalogDayJournal.Open(directory);
            var result = await store.StoreAsync(day.Directory, day.Checkpoint, day.RowDays, cancellationToken).ConfigureAwait(false);
            var stored = new HistoryStoreDay
            {
                Venue = day.Venue, Symbol = day.Symbol, Kind = day.Kind, Day = CatalogLayout.DayName(day.Day), Checkpoint = day.Checkpoint,
                FromPosition = result.FromPosition, ToPosition = result.ToPosition, Rows = result.Rows,
            };
            report.Days.Add(stored);
            report.Rows += result.Rows;
            if (result.Rows > 0) touched.UnionWith(day.RowDays);
            log.LogInformation("history store {Checkpoint}: positions {From}..{To}, {Rows} rows", day.Checkpoint, result.FromPosition, result.ToPosition, result.Rows);
            DayStored?.Invoke(stored);
        }
        report.StoreSeconds = clock.Elapsed.TotalSeconds;
        report.RowsPerSecond = report.StoreSeconds > 0 ? report.Rows / report.StoreSeconds : 0;

        clock.Restart();
        var upkeep = await new HistoryStoreUpkeep(source, path).RunAsync(touched, cancellationToken).ConfigureAwait(false);
        report.UpkeepSeconds = clock.Elapsed.TotalSeconds;
        report.Candles = path == SchemaPath.TimescaleDb
            ? $"refresh_continuous_aggregate over {upkeep.RefreshedRanges} day range(s)"
            : "maintained by the engine in each stored batch (CandleRollup)";
        report.CompressedChunks = upkeep.CompressedChunks;
        report.CompressionNote = upkeep.CompressionNote;
        report.Analyzed = [.. upkeep.Analyzed];
        return report;
    }
}
