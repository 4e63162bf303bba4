using System.Globalization;
using Npgsql;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Native path: makes sure the daily partitions of a history table exist before rows for those days are written,
/// so rows land in their day's partition rather than in the DEFAULT one. Days already ensured are cached, so the
/// steady state costs nothing.
/// <para>Why rows in DEFAULT need moving: PostgreSQL refuses to create a partition for a range while the DEFAULT
/// partition holds rows of that range (<c>updated partition constraint for default partition would be violated</c>,
/// SQLSTATE 23514). Such rows exist when something wrote a day before its partition was made (a journal replayed
/// from long ago, the warm projection's order history, rows from before this code ran). So, in one transaction:
/// take that day's rows out of DEFAULT into a temporary table, create the partition, put the rows back through
/// the parent (they route to the new partition). Readers see the rows either before or after, never missing.</para>
/// </summary>
public sealed class DayPartitions
{
    // Serialises partition changes between engines (and with HistoryMaintenance): two creators of the same day
    // would otherwise race to "relation already exists".
    internal const string LockSql = "SELECT pg_advisory_xact_lock(hashtext('tbot_day_partitions'))";

    private readonly HashSet<(string Table, DateOnly Day)> _ensured = [];

    /// <summary>Create the missing partitions of <paramref name="table"/> for <paramref name="days"/>, moving any
    /// rows of those days out of DEFAULT first. Its own transaction: creating a partition locks the parent, which
    /// should not be held for the length of a data batch. Returns how many partitions were created.</summary>
    public async Task<int> EnsureAsync(NpgsqlConnection connection, string table, IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var missing = days.Where(d => !_ensured.Contains((table, d))).Distinct().Order().ToArray();
        if (missing.Length == 0) return 0;
        var created = await CreateAsync(connection, table, missing, cancellationToken).ConfigureAwait(false);
        foreach (var d in missing) _ensured.Add((table, d));
        return created;
    }

    /// <summary>Forget cached days (after retention dropped partitions, say).</summary>
    public void Reset() => _ensured.Clear();

    internal static string PartitionName(string table, DateOnly day) => table + "_" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    internal static async Task<int> CreateAsync(NpgsqlConnection connection, string table, IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        SqlIdentifiers.RequireHistoryTable(table);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, LockSql, cancellationToken).ConfigureAwait(false);
        var created = 0;
        foreach (var day in days)
        {
            if (await ExistsAsync(connection, tx, PartitionName(table, day), cancellationToken).ConfigureAwait(false)) continue;
            var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            await ExecuteAsync(connection, tx, $"CREATE TEMP TABLE IF NOT EXISTS tbot_parked_{table} (LIKE {table}) ON COMMIT DROP",
                cancellationToken).ConfigureAwait(false);
            var parked = await ExecuteAsync(connection, tx, $"""
                WITH moved AS (DELETE FROM {table}_default WHERE time >= $1 AND time < $2 RETURNING *)
                INSERT INTO tbot_parked_{table} SELECT * FROM moved
                """, cancellationToken, from, from.AddDays(1)).ConfigureAwait(false);
            await ExecuteAsync(connection, tx, $"SELECT tbot_ensure_day_partitions('{table}'::regclass, $1, $1)", cancellationToken, day)
                .ConfigureAwait(false);
            if (parked > 0)
            {
                await ExecuteAsync(connection, tx, $"INSERT INTO {table} SELECT * FROM tbot_parked_{table}", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, tx, $"TRUNCATE tbot_parked_{table}", cancellationToken).ConfigureAwait(false);
            }
            created++;
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql,
        CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
