using Npgsql;

namespace TBot.Persistence.Postgres;

/// <summary>
/// Applies the embedded migrations (<c>tbot db migrate</c>) and reports the schema state (<c>tbot db status</c>).
/// Uses one connection for everything, so it also works against servers that take a single client (the
/// TimescaleDB test stand-in).
/// </summary>
public static class MigrationRunner
{
    // Any constant works; it only has to be the same for every TBot process migrating the same database.
    private const long AdvisoryLockKey = 0x7462_6F74_6D69_67; // "tbotmig"

    private const string CreateMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer     PRIMARY KEY,
            name        text        NOT NULL,
            schema_path text        NOT NULL CHECK (schema_path IN ('timescaledb', 'native')),
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>Apply the pending migrations, each in its own transaction together with its
    /// <c>schema_migrations</c> row. The first run picks the path: TimescaleDB when
    /// <c>CREATE EXTENSION IF NOT EXISTS timescaledb</c> succeeds, native partitioning otherwise.</summary>
    public static async Task<MigrationResult> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Two engines starting together must not both apply version N.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, CreateMigrationsTable, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            string? unavailable = null;
            SchemaPath path;
            if (applied.Count > 0) path = applied[0].Path;
            else (path, unavailable) = await ChoosePathAsync(connection, cancellationToken).ConfigureAwait(false);

            var done = new HashSet<int>(applied.Select(a => a.Version));
            var newlyApplied = new List<Migration>();
            foreach (var migration in MigrationCatalog.For(path))
            {
                if (done.Contains(migration.Version)) continue;
                await ApplyAsync(connection, migration, path, cancellationToken).ConfigureAwait(false);
                newlyApplied.Add(migration);
            }
            var version = Math.Max(applied.Count == 0 ? 0 : applied.Max(a => a.Version),
                newlyApplied.Count == 0 ? 0 : newlyApplied.Max(m => m.Version));
            return new MigrationResult(path, newlyApplied, version, unavailable);
        }
        finally
        {
            // A cancelled or broken connection drops the session lock by itself; only unlock a healthy one.
            if (connection.FullState == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Schema version, recorded path, applied migrations and projection checkpoints. Works on an empty
    /// database (version 0, nothing recorded).</summary>
    public static async Task<SchemaStatus> StatusAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var applied = await TableExistsAsync(connection, "schema_migrations", cancellationToken).ConfigureAwait(false)
            ? await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false)
            : [];
        var checkpoints = await TableExistsAsync(connection, "projection_checkpoints", cancellationToken).ConfigureAwait(false)
            ? await ReadCheckpointsAsync(connection, cancellationToken).ConfigureAwait(false)
            : [];
        return new SchemaStatus(applied.Count == 0 ? 0 : applied.Max(a => a.Version), MigrationCatalog.LatestVersion,
            applied.Count == 0 ? null : applied[0].Path, applied, checkpoints);
    }

    private static async Task<(SchemaPath Path, string? Unavailable)> ChoosePathAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // In its own transaction: a failed CREATE EXTENSION aborts the transaction it runs in.
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, tx, "CREATE EXTENSION IF NOT EXISTS timescaledb", cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (SchemaPath.TimescaleDb, null);
        }
        catch (PostgresException e)
        {
            // Not installed (0A000 / 58P01), not preloaded, or not permitted (42501): all mean "use the fallback".
            await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return (SchemaPath.NativePartitioning, $"{e.SqlState}: {e.MessageText}");
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, SchemaPath path, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, tx, migration.Sql, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException(
                $"Migration {migration.Version:D4}_{migration.Name} ({SchemaPathNames.Name(path)}) failed: {e.SqlState} {e.MessageText}", e);
        }
        await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, schema_path) VALUES ($1, $2, $3)", connection, tx))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            record.Parameters.Add(new NpgsqlParameter { Value = SchemaPathNames.Name(path) });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var list = new List<AppliedMigration>();
        await using var command = new NpgsqlCommand("SELECT version, name, schema_path, applied_at FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new AppliedMigration(reader.GetInt32(0), reader.GetString(1), SchemaPathNames.Parse(reader.GetString(2)), reader.GetDateTime(3)));
        return list;
    }

    private static async Task<List<ProjectionCheckpoint>> ReadCheckpointsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var list = new List<ProjectionCheckpoint>();
        await using var command = new NpgsqlCommand("SELECT projection, position, updated_at FROM projection_checkpoints ORDER BY projection", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new ProjectionCheckpoint(reader.GetString(0), reader.GetInt64(1), reader.GetDateTime(2)));
        return list;
    }

    private static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Migrations and status run once, beside the engine's own data source: an idle pooled connection left
    // behind would hold a server that allows one connection (the TimescaleDB stand-in) away from the projections.
    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}
