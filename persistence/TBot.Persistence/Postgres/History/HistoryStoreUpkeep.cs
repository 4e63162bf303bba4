using Npgsql;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// What follows a store of history into market_data, per layout:
/// <list type="bullet">
/// <item>candles: TimescaleDB refreshes <c>candles_1m</c>/<c>candles_1h</c> for the stored days
/// (<c>refresh_continuous_aggregate</c>; the policies only look at recent buckets, and history is old). Native: already
/// done, in each batch's transaction (<see cref="CandleRollup"/>), so nothing is left to do here.</item>
/// <item>compression: TimescaleDB compresses the market_data chunks older than the policy's 7 days
/// (<c>compress_chunk</c>, skipping compressed ones) now rather than at the policy's next run. Native PostgreSQL has
/// no compression of ordinary rows (only TOAST of large values, which market_data rows never are): nothing to do;
/// old days are kept small by dropping them (retention), not by compressing.</item>
/// <item>statistics and indexes: ANALYZE of what was written, so the planner sees the new days at once instead of at
/// autovacuum's next visit: native, <c>VACUUM (ANALYZE)</c> of the stored days' market_data partitions (it also sets
/// the visibility map) and <c>brin_summarize_new_values</c> of their BRIN indexes on time (an unsummarised block range
/// is read by every BRIN scan whatever the query; VACUUM leaves the last, partial one) and ANALYZE of the candle tables; TimescaleDB, ANALYZE of the chunks of those
/// days.</item>
/// </list>
/// Runs outside a transaction (refresh_continuous_aggregate and VACUUM refuse one).
/// </summary>
public sealed class HistoryStoreUpkeep(NpgsqlDataSource dataSource, SchemaPath path)
{
    /// <summary>The compression age of 0002_history.timescale.sql.</summary>
    public static readonly TimeSpan CompressAfter = TimeSpan.FromDays(7);

    public const string NativeCompressionNote =
        "native PostgreSQL has no row compression (TOAST only compresses large values): nothing to compress; retention drops old days instead";

    public async Task<HistoryUpkeepResult> RunAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        var ordered = days.Distinct().Order().ToArray();
        if (ordered.Length == 0) return new HistoryUpkeepResult(0, 0, [], path == SchemaPath.NativePartitioning ? NativeCompressionNote : null);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return path == SchemaPath.TimescaleDb
            ? await TimescaleAsync(connection, ordered, cancellationToken).ConfigureAwait(false)
            : await NativeAsync(connection, ordered, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HistoryUpkeepResult> NativeAsync(NpgsqlConnection connection, DateOnly[] days, CancellationToken cancellationToken)
    {
        var analyzed = new List<string>();
        foreach (var day in days)
        {
            var partition = DayPartitions.PartitionName("market_data", day);
            if (!await ExistsAsync(connection, partition, cancellationToken).ConfigureAwait(false)) continue;
            await ExecuteAsync(connection, $"VACUUM (ANALYZE) {partition}", cancellationToken).ConfigureAwait(false);
            // VACUUM leaves the last, partial block range unsummarised; a stored day is complete, so summarise it too.
            await ExecuteAsync(connection, """
                SELECT brin_summarize_new_values(i.indexrelid::regclass)
                FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am a ON a.oid = x.relam
                WHERE i.indrelid = $1::regclass AND a.amname = 'brin'
                """, cancellationToken, partition).ConfigureAwait(false);
            analyzed.Add(partition);
        }
        await ExecuteAsync(connection, "ANALYZE candles_1m, candles_1h", cancellationToken).ConfigureAwait(false);
        analyzed.AddRange(["candles_1m", "candles_1h"]);
        return new HistoryUpkeepResult(0, 0, analyzed, NativeCompressionNote);
    }

    private static async Task<HistoryUpkeepResult> TimescaleAsync(NpgsqlConnection connection, DateOnly[] days, CancellationToken cancellationToken)
    {
        var refreshed = 0;
        foreach (var (from, to) in Ranges(days))
        {
            // Whole days: every minute and hour bucket of a stored day lies inside [from, to).
            foreach (var view in (string[])["candles_1m", "candles_1h"])
                await ExecuteAsync(connection, $"CALL refresh_continuous_aggregate('{view}', $1, $2)", cancellationToken, from, to).ConfigureAwait(false);
            refreshed++;
        }
        var analyzed = new List<string>();
        foreach (var (from, to) in Ranges(days))
        foreach (var chunk in await ChunksAsync(connection, "SELECT c::text FROM show_chunks('market_data', older_than => $2, newer_than => $1) AS c",
                     cancellationToken, from, to).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, $"ANALYZE {chunk}", cancellationToken).ConfigureAwait(false);
            analyzed.Add(chunk);
        }
        var compressed = await ChunksAsync(connection, """
            SELECT compress_chunk(format('%I.%I', chunk_schema, chunk_name)::regclass)::text
            FROM timescaledb_information.chunks
            WHERE hypertable_schema = current_schema() AND hypertable_name = 'market_data' AND NOT is_compressed AND range_end < $1
            ORDER BY range_start
            """, cancellationToken, DateTime.UtcNow - CompressAfter).ConfigureAwait(false);
        return new HistoryUpkeepResult(refreshed, compressed.Count, analyzed, null);
    }

    /// <summary>Consecutive days as [first 00:00, day after the last 00:00) ranges.</summary>
    internal static IEnumerable<(DateTime From, DateTime To)> Ranges(IReadOnlyList<DateOnly> ordered)
    {
        var i = 0;
        while (i < ordered.Count)
        {
            var j = i;
            while (j + 1 < ordered.Count && ordered[j + 1] == ordered[j].AddDays(1)) j++;
            yield return (ordered[i].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), ordered[j].AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            i = j + 1;
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<List<string>> ChunksAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            if (!reader.IsDBNull(0)) list.Add(reader.GetString(0));
        return list;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
