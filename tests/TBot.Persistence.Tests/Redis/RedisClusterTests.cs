using TBot.Engine.Events;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;
using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Redis;

public sealed class RedisClusterTests
{
    [Fact]
    public async Task Projects_into_a_cluster_whose_keys_span_slots()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cluster = new SpareRedisCluster(7391);
        cluster.Start();
        using var journal = new TestJournal();
        journal.Quote(1, 100, 200);
        journal.Quote(2, 300, 400);
        journal.Fill(1, 1, Side.Buy, 200, 5, 5, 0, 1);
        journal.Fill(2, 2, Side.Sell, 300, 5, -5, 0, 2);
        journal.Flush();
        using var redis = await RedisConnector.ConnectAsync(cluster.Configuration, ct);
        await using var subscriber = new RedisSyncSubscriber(redis);
        await subscriber.StartAsync(ct);
        var cache = new RedisHotCache(redis, journal.Manifest);
        using var tail = new JournalTail(journal.Path);
        Assert.True(tail.TryReadBatch(0, out var batch));
        await cache.ApplyAsync(batch, ct);
        await cache.ApplyAsync(batch, ct); // re-applied: same values

        var db = redis.GetDatabase();
        string[] keys = ["price:binance:BTCUSDT", "price:okx:ETH-USDT", "pos:1:BTCUSDT", "pos:2:ETH-USDT", "metrics:1", "metrics:2"];
        foreach (var key in keys) Assert.True(await db.KeyExistsAsync(key), key);
        Assert.Equal(4, await cache.LoadCheckpointAsync(ct));
        // The keys really are spread over the cluster's masters (what makes MULTI/EXEC impossible here).
        Assert.True(keys.Select(k => db.IdentifyEndpoint(k)?.ToString()).Distinct().Count() > 1);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var message = await subscriber.Messages.ReadAsync(timeout.Token);
        Assert.True(message.Position is not null || message.Trade is not null);
    }
}
