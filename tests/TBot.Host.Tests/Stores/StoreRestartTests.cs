namespace TBot.Host.Tests.Stores;

/// <summary>
/// An engine restarted on its journal continues its projections from the stores' checkpoints: after each run the
/// stores hold exactly the journal so far, nothing from the first run is written twice or lost.
/// </summary>
public class StoreRestartTests
{
    private const int RedisPort = 6397;
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_restarted_run_continues_both_projections_from_their_checkpoints()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        using var redis = SpareRedis.Start(RedisPort);
        var journal = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal");
        string[] arguments = ["--journal", journal, "--duration", "6s", "--sim-rate", "3000", "--redis", redis.Configuration, "--postgres", database.ConnectionString];

        RunSummaryView first;
        using (var run = TbotRun.Start(arguments)) first = new RunSummaryView(await run.SucceedAsync(RunLimit));
        var afterFirst = JournalFacts.Read(journal);
        AssertCaughtUp(first, afterFirst);
        await WarmTablesCheck.AssertEqualAsync(database.ConnectionString, afterFirst, expectMarketData: first.HasProjection("market_data"));
        await using (var connection = await redis.ConnectAsync()) await HotCacheCheck.AssertEqualAsync(connection, afterFirst);

        RunSummaryView second;
        using (var run = TbotRun.Start(arguments)) second = new RunSummaryView(await run.SucceedAsync(RunLimit));
        Assert.Equal(first.JournalId, second.JournalId);
        Assert.False(second.Root.GetProperty("journal_info").GetProperty("created").GetBoolean(), "the second run should continue the journal");
        var afterSecond = JournalFacts.Read(journal);
        Assert.True(afterSecond.LastPosition > afterFirst.LastPosition);
        AssertCaughtUp(second, afterSecond);
        foreach (var name in (string[])["redis-hot", "warm_tables"])
            Assert.True(second.Projection(name).Applied > first.Projection(name).Applied, $"{name}: the second run applied nothing beyond the first");
        await WarmTablesCheck.AssertEqualAsync(database.ConnectionString, afterSecond, expectMarketData: second.HasProjection("market_data"));
        await using (var connection = await redis.ConnectAsync()) await HotCacheCheck.AssertEqualAsync(connection, afterSecond);
    }

    private static void AssertCaughtUp(RunSummaryView summary, JournalFacts journal)
    {
        Assert.Equal(summary.JournalLastPosition, journal.LastPosition);
        foreach (var name in (string[])["redis-hot", "warm_tables"])
        {
            var p = summary.Projection(name);
            Assert.True(p.LagEvents == 0 && p.Applied == journal.LastPosition, $"{name}: applied {p.Applied} of {journal.LastPosition} ({p.LastError})");
        }
    }
}
