using Npgsql;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>A throw-away database for one test.</summary>
internal sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every row of a table as text, sorted: equal snapshots mean equal contents.</summary>
    public Task<string> SnapshotAsync(string table) =>
        ScalarAsync<string>($"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM {table} t");

    /// <summary>Everything the warm projection writes (warm tables and order/trade history) as one comparable text.</summary>
    public async Task<string> WarmSnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var table in (string[])["bot_instances", "orders", "trades", "positions", "order_history", "trade_history"])
            parts.Add(table + ":\n" + await SnapshotAsync(table));
        return string.Join("\n", parts);
    }

    public ValueTask DisposeAsync() => new(PostgresServer.DropDatabaseAsync(Name));
}
