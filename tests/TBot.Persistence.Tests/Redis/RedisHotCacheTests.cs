using System.Text.Json;
using StackExchange.Redis;
using TBot.Engine.Events;
using TBot.Engine.Trading;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;
using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Redis;

public sealed class RedisHotCacheTests
{
    private static readonly RedisHotCacheOptions Options = new() { Database = TestRedis.Database, BookDepth = 2 };

    /// <summary>One of every key family: quotes and trades (price), a snapshot and deltas (book), fills
    /// (positions, metrics), a kill switch.</summary>
    private static void WriteMix(TestJournal j)
    {
        j.Quote(1, 5_000_010, 5_000_020);
        j.Trade(1, 5_000_015, 300);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 5_000_010, 100, EventFlags.FirstInMessage);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 5_000_000, 200);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 4_999_990, 300);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Sell, 5_000_020, 400, EventFlags.LastInMessage);
        j.Level(1, MarketEventKind.BookDelta, Side.Sell, 5_000_030, 500);
        j.Level(1, MarketEventKind.BookDelta, Side.Buy, 5_000_000, 0); // removes a level
        j.Fill(3, 1, Side.Buy, 5_000_020, 100, 100, 0, 11);
        j.Fill(3, 1, Side.Buy, 5_000_020, 50, 150, 0, 12);
        j.Fill(3, 2, Side.Sell, 300_000, 20, -20, -150_000_000, 13);
        j.KillSwitch(3, -250_000_000);
        j.Flush();
    }

    private static async Task<JournalBatch> ApplyAll(TestJournal j, RedisHotCache cache, CancellationToken ct)
    {
        var tail = new JournalTail(j.Path);
        Assert.True(tail.TryReadBatch(0, out var batch));
        await cache.ApplyAsync(batch, ct);
        return batch;
    }

    [Fact]
    public async Task Writes_every_key_family_with_its_ttl_and_the_checkpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        WriteMix(journal);
        using var redis = await TestRedis.ConnectAsync();
        var cache = new RedisHotCache(redis, journal.Manifest, Options);
        await ApplyAll(journal, cache, ct);
        var db = redis.GetDatabase(TestRedis.Database);

        using (var price = await Json(db, "price:binance:BTCUSDT"))
        {
            Assert.Equal("50000.10", price.RootElement.GetProperty("bid").GetRawText());
            Assert.Equal("50000.20", price.RootElement.GetProperty("ask").GetRawText());
            Assert.Equal("50000.15", price.RootElement.GetProperty("last").GetRawText());
            Assert.Equal(2, price.RootElement.GetProperty("position").GetInt64());
        }
        using (var book = await Json(db, "book:binance:BTCUSDT"))
        {
            Assert.Equal("[[50000.10,0.00100],[49999.90,0.00300]]", book.RootElement.GetProperty("bids").GetRawText());
            Assert.Equal("[[50000.20,0.00400],[50000.30,0.00500]]", book.RootElement.GetProperty("asks").GetRawText());
        }
        using (var pos = await Json(db, "pos:3:BTCUSDT"))
            Assert.Equal("0.00150", pos.RootElement.GetProperty("qty").GetRawText());
        using (var pos = await Json(db, "pos:3:ETH-USDT"))
        {
            Assert.Equal("-0.0020", pos.RootElement.GetProperty("qty").GetRawText());
            Assert.Equal("-1.50000000", pos.RootElement.GetProperty("realized_pnl").GetRawText());
        }
        using (var metrics = await Json(db, "metrics:3"))
        {
            Assert.True(metrics.RootElement.GetProperty("kill_switch").GetBoolean());
            Assert.Equal("-2.50000000", metrics.RootElement.GetProperty("kill_pnl").GetRawText());
            Assert.Equal("-1.50000000", metrics.RootElement.GetProperty("realized_pnl").GetRawText());
        }

        await AssertTtl(db, "price:binance:BTCUSDT", 1);
        await AssertTtl(db, "book:binance:BTCUSDT", 5);
        await AssertTtl(db, "pos:3:BTCUSDT", 30);
        await AssertTtl(db, "metrics:3", 60);
        // The checkpoint is the projection's state, not cache: it never expires.
        Assert.Null(await db.KeyTimeToLiveAsync("tbot:checkpoint:redis-hot"));
        Assert.Equal(journal.Last, (long)await db.StringGetAsync("tbot:checkpoint:redis-hot"));
        Assert.Equal(journal.Last, await cache.LoadCheckpointAsync(ct));
        // Nothing for instruments without data.
        Assert.False(await db.KeyExistsAsync("price:okx:ETH-USDT"));
    }

    [Fact]
    public async Task Re_applying_the_same_range_gives_the_same_values()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        WriteMix(journal);
        using var redis = await TestRedis.ConnectAsync();
        var db = redis.GetDatabase(TestRedis.Database);
        string[] keys = ["price:binance:BTCUSDT", "book:binance:BTCUSDT", "pos:3:BTCUSDT", "pos:3:ETH-USDT", "metrics:3", "tbot:checkpoint:redis-hot"];

        var cache = new RedisHotCache(redis, journal.Manifest, Options);
        var batch = await ApplyAll(journal, cache, ct);
        var first = await Values(db, keys);
        // The same instance again (a retry after a lost EXEC reply), then a fresh one (a restart re-projecting).
        await cache.ApplyAsync(batch, ct);
        Assert.Equal(first, await Values(db, keys));
        await ApplyAll(journal, new RedisHotCache(redis, journal.Manifest, Options), ct);
        Assert.Equal(first, await Values(db, keys));
        Assert.Equal(keys.Length, (await redis.GetServer(redis.GetEndPoints()[0]).DatabaseSizeAsync(TestRedis.Database)));
    }

    [Fact]
    public async Task The_price_key_expires_after_a_second()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        journal.Quote(1, 1, 2);
        journal.Flush();
        using var redis = await TestRedis.ConnectAsync();
        await ApplyAll(journal, new RedisHotCache(redis, journal.Manifest, Options), ct);
        var db = redis.GetDatabase(TestRedis.Database);
        Assert.True(await db.KeyExistsAsync("price:binance:BTCUSDT"));
        await Task.Delay(1500, ct);
        Assert.False(await db.KeyExistsAsync("price:binance:BTCUSDT"));
        Assert.True(await db.KeyExistsAsync("tbot:checkpoint:redis-hot"));
    }

    [Fact]
    public async Task The_checkpoint_commits_with_the_data_and_a_runner_resumes_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        journal.Fill(1, 1, Side.Buy, 100, 10, 10, 0, 1);
        journal.Flush();
        using var redis = await TestRedis.ConnectAsync();
        var db = redis.GetDatabase(TestRedis.Database);
        await ApplyAll(journal, new RedisHotCache(redis, journal.Manifest, Options), ct);
        Assert.Equal(1, (long)await db.StringGetAsync("tbot:checkpoint:redis-hot"));

        // Later records, and a restarted projection: it starts from the stored checkpoint, not from the start.
        journal.Fill(1, 1, Side.Buy, 100, 5, 15, 0, 2);
        journal.Flush();
        await db.KeyDeleteAsync("pos:1:BTCUSDT");
        using var tail = new JournalTail(journal.Path, new JournalTailOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        var runner = new ProjectionRunner(new RedisHotCache(redis, journal.Manifest, Options), tail);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = runner.RunAsync(cts.Token);
        await ProjectionRunnerTests.Until(() => runner.Applied == 2, ct);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        using var pos = await Json(db, "pos:1:BTCUSDT");
        Assert.Equal(2, pos.RootElement.GetProperty("position").GetInt64());
        Assert.Equal(2, (long)await db.StringGetAsync("tbot:checkpoint:redis-hot"));
    }

    [Fact]
    public async Task Fills_and_positions_reach_a_subscriber_on_another_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        journal.Fill(4, 2, Side.Sell, 300_000, 20, -20, 7, 99);
        journal.Flush();
        using var publisher = await TestRedis.ConnectAsync();
        using var other = await TestRedis.ConnectAsync(flush: false);
        await using var subscriber = new RedisSyncSubscriber(other);
        await subscriber.StartAsync(ct);

        await ApplyAll(journal, new RedisHotCache(publisher, journal.Manifest, Options), ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var received = new List<RedisSyncMessage>
        {
            await subscriber.Messages.ReadAsync(timeout.Token),
            await subscriber.Messages.ReadAsync(timeout.Token),
        };
        var position = Assert.Single(received, m => m.Position is not null).Position!;
        Assert.Equal(new PositionUpdate
        {
            JournalId = TestJournal.Id, JournalPosition = 1, Bot = 4, Venue = "okx", Symbol = "ETH-USDT",
            Quantity = -0.0020m, RealizedPnl = 0.00000007m, TimeNs = position.TimeNs,
        }, position);
        var trade = Assert.Single(received, m => m.Trade is not null).Trade!;
        Assert.Equal("sell", trade.Side);
        Assert.Equal(3000.00m, trade.Price);
        Assert.Equal(0.0020m, trade.Quantity);
        Assert.Equal(99, trade.TradeId);
        Assert.Equal(0, subscriber.Malformed);
    }

    [Fact]
    public async Task An_operator_resume_clears_the_kill_switch_in_the_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        WriteMix(journal);
        journal.Control(3, ControlCommand.ResumeBot);
        journal.Control(5, ControlCommand.PauseBot);
        journal.Flush();
        using var redis = await TestRedis.ConnectAsync();
        await ApplyAll(journal, new RedisHotCache(redis, journal.Manifest, Options), ct);
        var db = redis.GetDatabase(TestRedis.Database);
        using (var m3 = await Json(db, "metrics:3"))
        {
            Assert.False(m3.RootElement.GetProperty("kill_switch").GetBoolean());
            Assert.False(m3.RootElement.GetProperty("paused").GetBoolean());
        }
        using var m5 = await Json(db, "metrics:5");
        Assert.True(m5.RootElement.GetProperty("paused").GetBoolean());
    }

    private static async Task<JsonDocument> Json(IDatabase db, string key)
    {
        var value = await db.StringGetAsync(key);
        Assert.False(value.IsNull, $"{key} is missing");
        return JsonDocument.Parse((string)value!);
    }

    private static async Task AssertTtl(IDatabase db, string key, int seconds)
    {
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(seconds));
    }

    private static async Task<string?[]> Values(IDatabase db, string[] keys)
    {
        var values = new string?[keys.Length];
        for (var i = 0; i < keys.Length; i++) values[i] = await db.StringGetAsync(keys[i]);
        return values;
    }
}
