using StackExchange.Redis;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;
using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Redis;

public sealed class RedisAuthTests
{
    [Fact]
    public async Task A_password_in_the_connection_string_is_used_and_a_wrong_one_fails_clearly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new SpareRedisServer(6391) { Password = "tbot-s3cret" };
        server.Start();
        using var journal = new TestJournal();
        journal.Quote(1, 100, 200);
        journal.Flush();
        using var tail = new JournalTail(journal.Path);
        Assert.True(tail.TryReadBatch(0, out var batch));

        using (var redis = await RedisConnector.ConnectAsync("127.0.0.1:6391,password=tbot-s3cret", ct))
        {
            var cache = new RedisHotCache(redis, journal.Manifest);
            await cache.ApplyAsync(batch, ct);
            Assert.Equal(1, await cache.LoadCheckpointAsync(ct));
        }
        using (var wrong = await RedisConnector.ConnectAsync("127.0.0.1:6391,password=nope,connectTimeout=500,asyncTimeout=500", ct))
        {
            var cache = new RedisHotCache(wrong, journal.Manifest);
            await Assert.ThrowsAnyAsync<RedisException>(() => cache.ApplyAsync(batch, ct));
        }
    }
}
