using TBot.Engine.Events;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;
using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Redis;

public sealed class RedisOutageTests
{
    /// <summary>Records the ranges the store accepted, to check them for gaps and repeats.</summary>
    private sealed class RecordingProjection(IProjection inner) : IProjection
    {
        public readonly List<(long First, long Last)> Applied = new();

        public string Name => inner.Name;

        public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) => inner.LoadCheckpointAsync(cancellationToken);

        public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
        {
            await inner.ApplyAsync(batch, cancellationToken);
            lock (Applied) Applied.Add((batch.FirstPosition, batch.LastPosition));
        }
    }

    [Fact]
    public async Task The_runner_rides_out_a_redis_restart_and_catches_up_without_gap_or_repeat()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new SpareRedisServer(6390);
        server.Start();
        using var journal = new TestJournal();
        using var redis = await RedisConnector.ConnectAsync(server.Configuration, ct);
        var options = new RedisHotCacheOptions { PositionTtl = TimeSpan.FromMinutes(5) };
        var projection = new RecordingProjection(new RedisHotCache(redis, journal.Manifest, options));
        using var tail = new JournalTail(journal.Path, new JournalTailOptions { BatchSize = 200, PollInterval = TimeSpan.FromMilliseconds(5) });
        var runner = new ProjectionRunner(projection, tail, new ProjectionRunnerOptions { RetryInitial = TimeSpan.FromMilliseconds(20), RetryMax = TimeSpan.FromMilliseconds(200) },
            () => journal.Writer.WrittenPosition);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = runner.RunAsync(cts.Token);

        // The "engine": a fill per record, position after = record count, written throughout the outage.
        long fills = 0;
        void Write(int n)
        {
            for (var i = 0; i < n; i++)
            {
                fills++;
                journal.Fill(1, 1, Side.Buy, 5_000_000, 1, fills, 0, fills);
            }
            journal.Flush();
        }

        Write(500);
        await ProjectionRunnerTests.Until(() => runner.Applied == journal.Last, ct);

        server.Stop();
        Write(300);
        await ProjectionRunnerTests.Until(() => runner.Failures > 0, ct);
        Write(300);
        await Task.Delay(300, ct);
        Assert.True(runner.LagEvents >= 300, $"lag {runner.LagEvents} while Redis is down");
        var appliedDuringOutage = runner.Applied;
        Assert.True(appliedDuringOutage < journal.Last);

        server.Start();
        Write(400);
        await ProjectionRunnerTests.Until(() => runner.Applied == journal.Last, ct, timeoutMs: 30_000);
        Assert.Equal(0, runner.LagEvents);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // Every position 1..last applied exactly once, in order.
        long expected = 1;
        foreach (var (first, last) in projection.Applied)
        {
            Assert.Equal(expected, first);
            expected = last + 1;
        }
        Assert.Equal(journal.Last + 1, expected);

        // The restarted (empty) server holds what the journal says now: the latest position and the checkpoint.
        var db = redis.GetDatabase();
        Assert.Equal(journal.Last, (long)await db.StringGetAsync("tbot:checkpoint:redis-hot"));
        using var pos = System.Text.Json.JsonDocument.Parse((string)(await db.StringGetAsync("pos:1:BTCUSDT"))!);
        Assert.Equal(fills / 100_000m, pos.RootElement.GetProperty("qty").GetDecimal());
        Assert.Equal(journal.Last, pos.RootElement.GetProperty("position").GetInt64());
    }
}
