using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Warm;
using TBot.Persistence.Projections;

using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Postgres;

public sealed class WarmTablesLiveProjectionTests
{
    [Fact]
    public async Task The_runner_driven_projection_writes_the_same_rows_as_the_catch_up_and_survives_a_repeated_batch()
    {
        using var journal = new CraftedJournal();
        await using var reference = await PostgresServer.CreateMigratedDatabaseAsync();
        await using (var referenceSource = NpgsqlDataSource.Create(reference.ConnectionString))
            await new WarmTableProjection(referenceSource, journal.Directory).CatchUpAsync(TestContext.Current.CancellationToken);
        var expected = await reference.WarmSnapshotAsync();

        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new WarmTablesLiveProjection(source, JournalManifest.Load(journal.Directory));
        using var tail = new JournalTail(journal.Directory, new JournalTailOptions { BatchSize = 3 });

        // A batch applied twice (what the runner does after a failed attempt) leaves the same rows.
        Assert.True(tail.TryReadBatch(0, out var firstBatch));
        await projection.ApplyAsync(firstBatch, TestContext.Current.CancellationToken);
        await projection.ApplyAsync(firstBatch, TestContext.Current.CancellationToken);
        Assert.Equal(3, await projection.LoadCheckpointAsync(TestContext.Current.CancellationToken));

        var runner = await RunnerDrive.UntilAsync(projection, tail, journal.LastPosition, TimeSpan.FromSeconds(20));

        Assert.Equal(journal.LastPosition, runner.Applied);
        Assert.Equal(0, runner.Failures);
        Assert.Equal(journal.LastPosition, await projection.LoadCheckpointAsync(TestContext.Current.CancellationToken));
        Assert.Equal(expected, await db.WarmSnapshotAsync());
    }
}
