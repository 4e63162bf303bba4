using Npgsql;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>
/// The TimescaleDB stand-in (TBOT_TEST_TIMESCALE): one database, one connection at a time, search path reset to
/// public for each client, so tests remove TBot's objects from public before and after instead of using a database
/// of their own.
/// </summary>
internal static class TimescaleStandIn
{
    /// <summary>The stand-in's connection string without pooling (a pooled idle connection would hold its only
    /// slot), or an explicit, reported skip when it is not configured (it needs node and an npm install).</summary>
    public static string ConnectionStringOrSkip()
    {
        var server = Environment.GetEnvironmentVariable("TBOT_TEST_TIMESCALE");
        if (string.IsNullOrEmpty(server)) Assert.Skip("TBOT_TEST_TIMESCALE is not set (start ../shared/tools/timescale-test-server/start.sh 5433).");
        return new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
    }

    public const string DropTBotObjects = TBot.Tests.Shared.TBotSchemaCleanup.DropTBotObjects;

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
