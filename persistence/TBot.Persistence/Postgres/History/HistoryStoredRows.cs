using Npgsql;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// What market_data holds per venue, symbol (through the instrument registry), market event kind and UTC day of the
/// row time, for <c>tbot history status --postgres</c>; and the checkpoints of stored catalog days. Rows whose
/// instrument_id is not registered (written before migration 0006 under an id no run registered) show venue and
/// symbol as <c>?</c> with the id.
/// </summary>
public static class HistoryStoredRows
{
    public const string CheckpointPrefix = "history:";

    public static async Task<IReadOnlyList<StoredDayRows>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(i.venue, '?'), coalesce(i.symbol, '?#' || d.instrument_id), d.kind, d.day, d.rows
            FROM (SELECT instrument_id, kind, (time AT TIME ZONE 'UTC')::date AS day, count(*) AS rows
                  FROM market_data GROUP BY 1, 2, 3) AS d
            LEFT JOIN instruments i USING (instrument_id)
            ORDER BY 1, 2, 3, 4
            """);
        var list = new List<StoredDayRows>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new StoredDayRows(reader.GetString(0), reader.GetString(1), reader.GetInt16(2),
                reader.GetFieldValue<DateOnly>(3), reader.GetInt64(4)));
        return list;
    }

    /// <summary>Every <c>history:</c> checkpoint and its stored position.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadCheckpointsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT projection, position FROM projection_checkpoints WHERE projection LIKE 'history:%'");
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) map[reader.GetString(0)] = reader.GetInt64(1);
        return map;
    }
}

/// <summary>market_data rows of one instrument, event kind (the engine's MarketEventKind value) and UTC day.</summary>
public sealed record StoredDayRows(string Venue, string Symbol, short Kind, DateOnly Day, long Rows);
