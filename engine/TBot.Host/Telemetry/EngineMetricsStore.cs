using Npgsql;
using NpgsqlTypes;

namespace TBot.Host.Telemetry;

/// <summary>
/// PostgreSQL side of the metrics: writes engine aggregates to <c>engine_metrics</c> (migration 0005; idempotent
/// on engine, metric and time) and reads them and the bots' <c>performance_metrics</c> for the metrics API.
/// </summary>
public sealed class EngineMetricsStore(NpgsqlDataSource source, string engine)
{
    /// <summary>Most rows one API answer returns from each table.</summary>
    public const int MaxRows = 100_000;

    public async Task WriteAsync(IReadOnlyList<EngineMinute> minutes, CancellationToken cancellationToken)
    {
        var times = new List<DateTime>();
        var metrics = new List<string>();
        var values = new List<double>();
        foreach (var m in minutes)
            foreach (var (metric, value) in m.Values)
            {
                if (!double.IsFinite(value)) continue;
                times.Add(DateTime.SpecifyKind(m.StartUtc, DateTimeKind.Utc));
                metrics.Add(metric);
                values.Add(value);
            }
        if (times.Count == 0) return;
        await using var command = source.CreateCommand(
            "INSERT INTO engine_metrics (time, engine, metric, value) SELECT t, $1, m, v FROM unnest($2, $3, $4) AS x(t, m, v) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = engine });
        command.Parameters.Add(new NpgsqlParameter { Value = times.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = metrics.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = values.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This engine's aggregates with time in [from, to).</summary>
    public async Task<List<MetricRow>> EngineRowsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            $"SELECT time, metric, value FROM engine_metrics WHERE engine = $1 AND time >= $2 AND time < $3 ORDER BY time, metric LIMIT {MaxRows}");
        command.Parameters.Add(new NpgsqlParameter { Value = engine });
        command.Parameters.Add(new NpgsqlParameter { Value = fromUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = toUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var rows = new List<MetricRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(new MetricRow(reader.GetFieldValue<DateTime>(0), null, reader.GetString(1), reader.GetDouble(2)));
        return rows;
    }

    /// <summary>Bots' rows of <c>performance_metrics</c> with time in [from, to), of one bot or all.</summary>
    public async Task<List<MetricRow>> BotRowsAsync(int? botId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            "SELECT time, bot_id, metric, value::double precision FROM performance_metrics WHERE time >= $1 AND time < $2 AND ($3::integer IS NULL OR bot_id = $3) "
            + $"ORDER BY time, bot_id, metric LIMIT {MaxRows}");
        command.Parameters.Add(new NpgsqlParameter { Value = fromUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = toUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = botId is { } b ? b : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<MetricRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(new MetricRow(reader.GetFieldValue<DateTime>(0), reader.GetInt32(1), reader.GetString(2), reader.GetDouble(3)));
        return rows;
    }
}
