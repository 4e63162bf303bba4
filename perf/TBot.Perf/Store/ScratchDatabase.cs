using Npgsql;
using TBot.Persistence.Postgres;

namespace TBot.Perf.Store;

/// <summary>A throw-away <c>tbot_perf_&lt;guid&gt;</c> database with every migration applied, dropped on dispose: the
/// benchmark never writes into the database named in the connection string (the role needs CREATEDB).</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private ScratchDatabase(string adminConnectionString, string name, MigrationResult migration)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        Migration = migration;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public MigrationResult Migration { get; }

    public static async Task<ScratchDatabase> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = "tbot_perf_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
            var migration = await MigrationRunner.MigrateAsync(target, cancellationToken).ConfigureAwait(false);
            return new ScratchDatabase(connectionString, name, migration);
        }
        catch
        {
            await DropAsync(connectionString, name).ConfigureAwait(false);
            throw;
        }
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await DropAsync(_adminConnectionString, Name).ConfigureAwait(false);
    }

    private static async Task DropAsync(string connectionString, string name)
    {
        // Pooled connections (ours, Npgsql's pools) would keep the database busy: FORCE ends them.
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
