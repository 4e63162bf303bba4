using Microsoft.Extensions.Logging;
using TBot.Persistence.Postgres;

namespace TBot.Host.Stores;

/// <summary>
/// Makes sure the schema is there before any PostgreSQL projection writes: migrates once (when configured) or
/// checks the version, and tells which path (TimescaleDB or native) the database is on. A failure is thrown to
/// the caller (a projection runner, which retries with backoff), so an engine started while PostgreSQL is down
/// migrates as soon as it is back.
/// </summary>
public sealed class PostgresSchemaGate(string connectionString, bool migrate, ILogger log)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SchemaPath? _path;

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
            _path = path;
            return path;
        }
        finally
        {
            _lock.Release();
        }
    }
}
