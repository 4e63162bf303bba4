using System.Globalization;
using Npgsql;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Partition upkeep for the native path (no TimescaleDB): day partitions created ahead of time, and retention by
/// dropping whole old days (a DROP of a partition is instant and leaves no dead rows, unlike a DELETE). On the
/// TimescaleDB path both are policies created by the migration (1-day chunks, 90-day retention on market_data),
/// so these methods do nothing there. Meant to run at start-up and then every few hours.
/// </summary>
public sealed class HistoryMaintenance(NpgsqlDataSource dataSource, TimeProvider? clock = null)
{
    /// <summary>The TimescaleDB path's retention for market_data (0002_history.timescale.sql).</summary>
    public static readonly TimeSpan DefaultMarketDataRetention = TimeSpan.FromDays(90);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Make sure every history table has partitions from yesterday to <paramref name="daysAhead"/> days
    /// after today (UTC), moving rows parked in DEFAULT for those days into them. Returns partitions created
    /// (0 on the TimescaleDB path).</summary>
    public async Task<int> EnsurePartitionsAsync(int daysAhead = 7, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysAhead);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await SchemaPaths.ReadAsync(connection, cancellationToken).ConfigureAwait(false) != SchemaPath.NativePartitioning) return 0;
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var days = Enumerable.Range(-1, daysAhead + 2).Select(today.AddDays).ToArray();
        var created = 0;
        foreach (var table in SqlIdentifiers.HistoryTables)
            created += await DayPartitions.CreateAsync(connection, table, days, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>Retention: drop the day partitions of <paramref name="table"/> (default market_data) whose whole day
    /// is older than <paramref name="age"/> (default <see cref="DefaultMarketDataRetention"/>), and delete that
    /// table's DEFAULT-partition rows older than the cutoff. Nothing on the TimescaleDB path.</summary>
    public async Task<RetentionResult> DropPartitionsOlderThanAsync(TimeSpan? age = null, string table = "market_data",
        CancellationToken cancellationToken = default)
    {
        SqlIdentifiers.RequireHistoryTable(table);
        var keep = age ?? DefaultMarketDataRetention;
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await SchemaPaths.ReadAsync(connection, cancellationToken).ConfigureAwait(false) != SchemaPath.NativePartitioning)
            return new RetentionResult([], 0);
        var cutoff = _clock.GetUtcNow().UtcDateTime - keep;

        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand(DayPartitions.LockSql, connection, tx))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var dropped = new List<string>();
        foreach (var (name, day) in await ListDayPartitionsAsync(connection, tx, table, cancellationToken).ConfigureAwait(false))
        {
            // A partition holds [day, day + 1): drop it only when all of it is before the cutoff.
            if (day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) > cutoff) continue;
            await using var drop = new NpgsqlCommand($"DROP TABLE {name}", connection, tx);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            dropped.Add(name);
        }
        long deleted;
        await using (var delete = new NpgsqlCommand($"DELETE FROM {table}_default WHERE time < $1", connection, tx))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RetentionResult(dropped, deleted);
    }

    // Day partitions are the ones tbot_ensure_day_partitions names <table>_YYYYMMDD; anything else attached by
    // hand is left alone.
    private static async Task<List<(string Name, DateOnly Day)>> ListDayPartitionsAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = $1::regclass ORDER BY c.relname
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var list = new List<(string, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var prefix = table + "_";
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (name.Length == prefix.Length + 8 && name.StartsWith(prefix, StringComparison.Ordinal)
                && DateOnly.TryParseExact(name.AsSpan(prefix.Length), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                list.Add((name, day));
        }
        return list;
    }
}
