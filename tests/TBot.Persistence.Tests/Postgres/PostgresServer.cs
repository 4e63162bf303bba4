using Npgsql;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>The real PostgreSQL the tests run against (TBOT_TEST_POSTGRES, default: the local CI server). A
/// missing server fails the test with the connection string it tried: these tests never skip.</summary>
internal static class PostgresServer
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=tbot;Password=tbot;Database=tbot";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("TBOT_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultConnectionString;

    /// <summary>A new, empty database owned by the test role; dropped on dispose.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "tbot_test_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(ConnectionString);
        try
        {
            await admin.OpenAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is required for these tests and is not reachable at '{Redacted(ConnectionString)}' " +
                "(set TBOT_TEST_POSTGRES, or start it as .ci/run does).", e);
        }
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, IncludeErrorDetail = true };
        return new TestDatabase(name, builder.ConnectionString);
    }

    /// <summary>A new database with every migration applied.</summary>
    public static async Task<TestDatabase> CreateMigratedDatabaseAsync()
    {
        var db = await CreateDatabaseAsync();
        await TBot.Persistence.Postgres.MigrationRunner.MigrateAsync(db.ConnectionString, TestContext.Current.CancellationToken);
        return db;
    }

    internal static async Task DropDatabaseAsync(string name)
    {
        // Pooled connections of the test would keep the database busy; FORCE ends them.
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Redacted(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Password is not null) builder.Password = "***";
        return builder.ConnectionString;
    }
}
