using System.Diagnostics;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.History;
using TBot.Persistence.Projections;

namespace TBot.Perf.Store;

/// <summary>
/// market_data rows/s through the history projection's binary COPY (<see cref="MarketDataCopy"/>): rows built
/// beforehand from the journal's market events (the projection's own row builder), then one transaction holding one
/// COPY, timed from BEGIN to COMMIT. The table is emptied afterwards so the live projections start clean.
/// </summary>
internal static class CopyThroughput
{
    public static async Task<(double RowsPerSec, long Rows)> MeasureAsync(ScratchDatabase database, WrittenJournal journal, int rows, CancellationToken cancellationToken)
    {
        var built = BuildRows(journal, rows);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var copied = await MarketDataCopy.WriteAsync(connection, built, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (copied != (ulong)built.Count) throw new InvalidOperationException($"COPY took {copied} of {built.Count} rows.");
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await database.ExecuteAsync("TRUNCATE market_data", cancellationToken).ConfigureAwait(false);
        return (built.Count / seconds, built.Count);
    }

    private static List<MarketDataRow> BuildRows(WrittenJournal journal, int rows)
    {
        var builder = new MarketDataRowBuilder(journal.Manifest);
        var result = new List<MarketDataRow>(rows);
        using var tail = new JournalTail(journal.Directory, new JournalTailOptions { BatchSize = 8192 });
        long after = 0;
        while (result.Count < rows && tail.TryReadBatch(after, out var batch))
        {
            foreach (ref readonly var record in batch.Records)
            {
                if (record.Type == JournalRecordType.Event && builder.TryBuild(in batch.Event(in record), record.Position, out var row))
                {
                    result.Add(row);
                    if (result.Count == rows) break;
                }
            }
            after = batch.LastPosition;
        }
        return result;
    }
}
