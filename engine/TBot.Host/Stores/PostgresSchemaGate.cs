using Microsoft.Extensions.Logging;
using TBot.Persistence.Postgres;

namespace TBot.Host.Stores;

/// <summary>
/// Makes sure the schema is there before any PostgreSQL projection writes: migrates once (when configured) or
/// checks the version, and tells which path (TimescaleDB or native) the database is on. A failure is thrown to
/// the caller (a projection runner, which retries with backoff), so an engine started while PostgreSQL is down
/// migrates as soon as it is back.
/// </summary>
public sealed class PostgresSchemaGate(string connectionString, bool migrate, ILogger log, string? journalId = null)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SchemaPath? _path;

    /// <summary>
    /// One journal per database: order ids, bot ids, instrument ids and journal positions are only unique within
    /// a journal, so rows of two journals in the same tables would overwrite or shadow each other. A database that
    /// already holds another journal's projections is refused with a clear error (the runner shows it in
    /// <c>last_error</c> and keeps retrying; nothing is written). Catalog days stored by <c>tbot history store</c>
    /// (checkpoints <c>history:...</c>) write only market_data under registry instrument ids, so they own nothing.
    /// </summary>
    private async Task EnsureOwnerAsync(string journal, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT string_agg(DISTINCT j, ', ') FROM (
                SELECT split_part(projection, ':', 2) AS j FROM projection_checkpoints WHERE projection LIKE '%:%' AND projection NOT LIKE 'history:%'
                UNION SELECT journal_id FROM bot_instances WHERE journal_id IS NOT NULL) AS owners
            WHERE j <> $1
            """, connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = journal });
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string others)
        {
            var message = $"This PostgreSQL database holds the projections of journal {others}, not of journal {journal}: TBot keeps one journal per database. Use another database for this journal (or drop that one's rows).";
            log.LogError("{Message}", message);
            throw new InvalidOperationException(message);
        }
    }

    public async Task<SchemaPath> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_path is { } known) return known;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_path is { } again) return again;
            SchemaPath path;
            if (migrate)
            {
                var result = await MigrationRunner.MigrateAsync(connectionString, cancellationToken).ConfigureAwait(false);
                foreach (var m in result.Applied) log.LogInformation("PostgreSQL: applied migration {Version} {Name}", m.Version, m.Name);
                if (result.TimescaleUnavailable is { } why) log.LogInformation("PostgreSQL: TimescaleDB not available ({Reason}); native partitioning", why);
                path = result.Path;
            }
            else
            {
                var status = await MigrationRunner.StatusAsync(connectionString, cancellationToken).ConfigureAwait(false);
                if (!status.IsCurrent || status.Path is null)
                    throw new InvalidOperationException($"PostgreSQL schema is at version {status.Version}, the engine needs {status.LatestVersion}: run tbot db migrate (or set stores.migrateOnStart).");
                path = status.Path.Value;
            }
            if (journalId is not null) await EnsureOwnerAsync(journalId, cancellationToken).ConfigureAwait(false);
            _path = path;
            return path;
        }
        finally
        {
            _lock.Release();
        }
    }
}
