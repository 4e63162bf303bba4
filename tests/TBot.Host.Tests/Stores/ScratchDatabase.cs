using Npgsql;

namespace TBot.Host.Tests.Stores;

/// <summary>A fresh <c>tbot_test_&lt;guid&gt;</c> database on the shared PostgreSQL (TBOT_TEST_POSTGRES), dropped at the end.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=tbot;Password=tbot;Database=tbot";
    private readonly string _server;

    private ScratchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("TBOT_TEST_POSTGRES") is { Length: > 0 } s ? s : DefaultServer;
        var db = new ScratchDatabase(server, $"tbot_test_{Guid.NewGuid():N}");
        try
        {
            await db.ExecuteOnServerAsync($"CREATE DATABASE {db.Name}");
        }
        catch (NpgsqlException ex)
        {
            Assert.Fail($"PostgreSQL at {new NpgsqlConnectionStringBuilder(server) { Password = null }} is needed (TBOT_TEST_POSTGRES; role with CREATEDB): {ex.Message}");
        }
        return db;
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
