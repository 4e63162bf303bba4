using Npgsql;

namespace TBot.Persistence.Postgres.History;

/// <summary>Which history layout a migrated database has, as <c>schema_migrations</c> recorded it.</summary>
public static class SchemaPaths
{
    public static async Task<SchemaPath> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT schema_path FROM schema_migrations ORDER BY version DESC LIMIT 1", connection);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string name
                ? SchemaPathNames.Parse(name)
                : throw new InvalidOperationException("schema_migrations is empty: run the migrations (tbot db migrate) first.");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new InvalidOperationException("The database has no schema_migrations table: run the migrations (tbot db migrate) first.", e);
        }
    }
}
