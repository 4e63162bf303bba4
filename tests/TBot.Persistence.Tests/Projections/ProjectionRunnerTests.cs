using TBot.Persistence.Projections;

namespace TBot.Persistence.Tests.Projections;

public sealed class ProjectionRunnerTests
{
    /// <summary>An in-memory store that is "down" for its first few writes, to test the runner's own logic.</summary>
    private sealed class FlakyProjection(int failures) : IProjection
    {
        private int _failuresLeft = failures;
        public readonly List<long> Positions = new();
        public long Checkpoint;

        public string Name => "flaky";

        public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(Checkpoint);

        public Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
        {
            if (_failuresLeft-- > 0) throw new IOException("store down");
            foreach (var r in batch.Records) Positions.Add(r.Position);
            Checkpoint = batch.LastPosition;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Retries_a_failing_store_and_applies_every_position_once()
    {
        using var journal = new TestJournal();
        for (var i = 0; i < 300; i++) journal.Quote(1, i, i + 1);
        journal.Flush();
        var projection = new FlakyProjection(failures: 4) { Checkpoint = 20 };
        using var tail = new JournalTail(journal.Path, new JournalTailOptions { BatchSize = 50, PollInterval = TimeSpan.FromMilliseconds(5) });
        var runner = new ProjectionRunner(projection, tail, new ProjectionRunnerOptions { RetryInitial = TimeSpan.FromMilliseconds(5), RetryMax = TimeSpan.FromMilliseconds(40) },
            () => journal.Writer.WrittenPosition);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = runner.RunAsync(cts.Token);
        await Until(() => runner.Applied == 300, cts.Token);
        Assert.Equal(0, runner.LagEvents);
        Assert.Equal(4, runner.Failures);
        Assert.IsType<IOException>(runner.LastError);
        Assert.Equal(Enumerable.Range(21, 280).Select(i => (long)i), projection.Positions);

        // Live: new records are picked up and the lag returns to zero.
        for (var i = 0; i < 10; i++) journal.Trade(2, 10, 1);
        journal.Flush();
        await Until(() => runner.Applied == 310, cts.Token);
        Assert.Equal(0, runner.LagEvents);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Damage_in_a_sealed_segment_ends_the_run_instead_of_being_retried()
    {
        using var journal = new TestJournal(segmentBytes: 8 * 1024);
        for (var i = 0; i < 200; i++) journal.Quote(1, i, i + 1);
        journal.Flush();
        var first = Directory.GetFiles(journal.Path, "seg-*.tbj").Order().First();
        using (var f = new FileStream(first, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = 64 + 32 + 40; // inside the first record's payload: its CRC no longer matches
            f.WriteByte(0xFF);
        }
        var projection = new FlakyProjection(failures: 0);
        using var tail = new JournalTail(journal.Path);
        var runner = new ProjectionRunner(projection, tail);
        await Assert.ThrowsAsync<TBot.Engine.Journal.JournalCorruptException>(() => runner.RunAsync(TestContext.Current.CancellationToken))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Empty(projection.Positions);
        Assert.Equal(0, runner.Failures);
    }

    internal static async Task Until(Func<bool> condition, CancellationToken ct, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("condition not reached in time");
            await Task.Delay(10, ct);
        }
    }
}
