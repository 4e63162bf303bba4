using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using TBot.Engine.Events;
using TBot.Engine.Trading;
using TBot.Persistence.Memory;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;
using TBot.Persistence.Tests.Projections;
using TBot.Persistence.Tests.Redis;

namespace TBot.Persistence.Tests.Memory;

public sealed class InProcessHotCacheTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    /// <summary>Every key family on both instruments, changed over several batches: quotes and trades (price), a snapshot
    /// replacing deltas (book), fills (positions, metrics), a kill switch, an operator pause and resume.</summary>
    private static void WriteMix(TestJournal j)
    {
        j.Quote(1, 5_000_010, 5_000_020);
        j.Trade(1, 5_000_015, 300);
        j.Level(1, MarketEventKind.BookDelta, Side.Buy, 4_999_000, 700);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 5_000_010, 100, EventFlags.FirstInMessage);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 5_000_000, 200);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 4_999_990, 300);
        j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Sell, 5_000_020, 400, EventFlags.LastInMessage);
        j.Level(1, MarketEventKind.BookDelta, Side.Sell, 5_000_030, 500);
        j.Level(1, MarketEventKind.BookDelta, Side.Buy, 5_000_000, 0);
        j.Quote(2, 300_000, 300_010);
        j.Level(2, MarketEventKind.BookDelta, Side.Sell, 300_010, 40);
        j.Fill(3, 1, Side.Buy, 5_000_020, 100, 100, 0, 11);
        j.Trade(2, 300_005, 25);
        j.Fill(3, 1, Side.Buy, 5_000_020, 50, 150, 0, 12);
        j.Fill(3, 2, Side.Sell, 300_000, 20, -20, -150_000_000, 13);
        j.Fill(4, 2, Side.Buy, 300_010, 10, 10, 0, 14);
        j.KillSwitch(3, -250_000_000);
        j.Control(4, ControlCommand.PauseBot);
        j.Quote(1, 5_000_000, 5_000_040);
        j.Control(4, ControlCommand.ResumeBot);
        j.Flush();
    }

    private static void ApplyInBatches(TestJournal j, int batchSize, Func<JournalBatch, Task> apply)
    {
        using var tail = new JournalTail(j.Path, new JournalTailOptions { BatchSize = batchSize });
        long after = 0;
        while (tail.TryReadBatch(after, out var batch))
        {
            apply(batch).GetAwaiter().GetResult();
            after = batch.LastPosition;
        }
        Assert.Equal(j.Last, after);
    }

    [Fact]
    public async Task Every_key_family_holds_exactly_what_the_redis_cache_writes_for_the_same_journal()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        WriteMix(journal);
        using var redis = await TestRedis.ConnectAsync();
        var redisCache = new RedisHotCache(redis, journal.Manifest, new RedisHotCacheOptions { Database = TestRedis.Database, BookDepth = 2, Publish = false });
        var clock = new ManualClock();
        var memory = new InProcessHotCache(journal.Manifest, time: clock, options: new InProcessHotCacheOptions { BookDepth = 2 });
        // Batches of 3 records: keys change over several batches, so coalescing and carried-over state are compared too.
        ApplyInBatches(journal, 3, async b =>
        {
            await redisCache.ApplyAsync(b, ct);
            await memory.ApplyAsync(b, ct);
        });

        var db = redis.GetDatabase(TestRedis.Database);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var redisKeys = server.Keys(TestRedis.Database, "*").Select(k => (string)k!).Where(k => !k.StartsWith("tbot:checkpoint:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["book:binance:BTCUSDT", "book:okx:ETH-USDT", "metrics:3", "metrics:4", "pos:3:BTCUSDT", "pos:3:ETH-USDT", "pos:4:ETH-USDT", "price:binance:BTCUSDT", "price:okx:ETH-USDT"], redisKeys);
        Assert.Equal(redisKeys, memory.Keys());
        foreach (var key in redisKeys)
        {
            string redisValue = (await db.StringGetAsync(key))!;
            Assert.True(memory.TryGet(key, out var memoryValue), key);
            Assert.Equal(redisValue, memoryValue);
            Assert.True(memory.TryGetUtf8(key, out var utf8), key);
            Assert.Equal(redisValue, Encoding.UTF8.GetString(utf8.Span));
        }
        // Values are the real picture, not two copies of an empty one.
        using (var book = JsonDocument.Parse(Get(memory, "book:binance:BTCUSDT")))
            Assert.Equal("[[50000.10,0.00100],[49999.90,0.00300]]", book.RootElement.GetProperty("bids").GetRawText());
        using (var metrics = JsonDocument.Parse(Get(memory, "metrics:4")))
            Assert.False(metrics.RootElement.GetProperty("paused").GetBoolean());

        // TTLs are the family's, counted from the apply (the clock has not moved).
        Assert.Equal(TimeSpan.FromSeconds(1), memory.TimeToLive("price:binance:BTCUSDT"));
        Assert.Equal(TimeSpan.FromSeconds(5), memory.TimeToLive("book:okx:ETH-USDT"));
        Assert.Equal(TimeSpan.FromSeconds(30), memory.TimeToLive("pos:4:ETH-USDT"));
        Assert.Equal(TimeSpan.FromSeconds(60), memory.TimeToLive("metrics:3"));
        Assert.Equal(journal.Last, memory.Checkpoint);
        Assert.Equal(journal.Last, await memory.LoadCheckpointAsync(ct));
    }

    [Fact]
    public void The_default_ttls_are_the_redis_caches()
    {
        var memory = new InProcessHotCacheOptions();
        var redis = new RedisHotCacheOptions();
        Assert.Equal((redis.PriceTtl, redis.BookTtl, redis.PositionTtl, redis.MetricsTtl, redis.BookDepth),
            (memory.PriceTtl, memory.BookTtl, memory.PositionTtl, memory.MetricsTtl, memory.BookDepth));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)),
            (memory.PriceTtl, memory.BookTtl, memory.PositionTtl, memory.MetricsTtl));
    }

    [Fact]
    public async Task Each_family_expires_at_exactly_its_ttl_after_the_last_set()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        WriteMix(journal);
        var clock = new ManualClock();
        var cache = new InProcessHotCache(journal.Manifest, time: clock);
        ApplyInBatches(journal, 1000, b => cache.ApplyAsync(b, ct));
        var start = clock.GetTimestamp();

        (string Key, int Seconds)[] families = [("price:binance:BTCUSDT", 1), ("book:binance:BTCUSDT", 5), ("pos:3:BTCUSDT", 30), ("metrics:3", 60)];
        foreach (var (key, seconds) in families)
        {
            var ttl = TimeSpan.FromSeconds(seconds);
            clock.Advance(ttl - Tick - clock.GetElapsedTime(start));
            Assert.True(cache.TryGet(key, out _), $"{key} one tick before {ttl}");
            Assert.Equal(Tick, cache.TimeToLive(key));
            Assert.Contains(key, cache.Keys(key[..(key.IndexOf(':') + 1)]));

            clock.Advance(Tick);
            Assert.False(cache.TryGet(key, out var gone), $"{key} at {ttl}");
            Assert.Null(gone);
            Assert.Null(cache.TimeToLive(key));
            Assert.False(cache.TryGetUtf8(key, out _));
            Assert.DoesNotContain(key, cache.Keys());
        }
        Assert.Empty(cache.Keys());
        Assert.False(cache.TryGet("price:nowhere:NOTHING", out _));
        Assert.Null(cache.TimeToLive("price:nowhere:NOTHING"));
    }

    [Fact]
    public async Task A_new_set_restarts_the_ttl_and_an_untouched_key_keeps_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        journal.Quote(1, 100, 101);
        journal.Quote(2, 200, 201);
        journal.Flush();
        var clock = new ManualClock();
        var cache = new InProcessHotCache(journal.Manifest, time: clock);
        ApplyInBatches(journal, 1000, b => cache.ApplyAsync(b, ct));

        clock.Advance(TimeSpan.FromMilliseconds(600));
        var after = journal.Last;
        journal.Quote(1, 102, 103);
        journal.Flush();
        using (var tail = new JournalTail(journal.Path))
        {
            Assert.True(tail.TryReadBatch(after, out var batch));
            await cache.ApplyAsync(batch, ct);
        }
        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(cache.TryGet("price:okx:ETH-USDT", out _));
        Assert.True(cache.TryGet("price:binance:BTCUSDT", out var json));
        Assert.Contains("\"bid\":1.02", json);
        Assert.Equal(TimeSpan.FromMilliseconds(600), cache.TimeToLive("price:binance:BTCUSDT"));
        clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.False(cache.TryGet("price:binance:BTCUSDT", out _));
    }

    [Fact]
    public async Task Expired_keys_are_purged_so_memory_holds_only_what_is_live()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        WriteMix(journal);
        var clock = new ManualClock();
        var cache = new InProcessHotCache(journal.Manifest, time: clock);
        ApplyInBatches(journal, 1000, b => cache.ApplyAsync(b, ct));
        Assert.Equal(9, cache.StoredCount);

        // Nobody reads: the expired entries stay until a sweep.
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(9, cache.StoredCount);
        Assert.Equal(4, cache.PurgeExpired()); // two prices, two books
        Assert.Equal(5, cache.StoredCount);

        // A reader that meets an expired key drops it.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(cache.TryGet("pos:3:BTCUSDT", out _));
        Assert.Equal(4, cache.StoredCount);

        // The writer sweeps while applying (at most every PurgeInterval): after the next batch only its key is left.
        clock.Advance(TimeSpan.FromSeconds(30));
        var after = journal.Last;
        journal.Quote(2, 300_100, 300_110);
        journal.Flush();
        using var tail = new JournalTail(journal.Path);
        Assert.True(tail.TryReadBatch(after, out var batch));
        await cache.ApplyAsync(batch, ct);
        Assert.Equal(1, cache.StoredCount);
        Assert.Equal(["price:okx:ETH-USDT"], cache.Keys());
    }

    [Fact]
    public async Task Re_applying_a_range_gives_the_same_values_and_a_new_instance_starts_at_its_given_position()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        WriteMix(journal);
        var clock = new ManualClock();
        var cache = new InProcessHotCache(journal.Manifest, time: clock);
        using var tail = new JournalTail(journal.Path);
        Assert.True(tail.TryReadBatch(0, out var batch));
        await cache.ApplyAsync(batch, ct);
        var first = Snapshot(cache);
        var sets = cache.Sets;
        Assert.Equal(9, sets);

        // The same batch again on the same instance (a runner retry), then on a fresh one (a restart re-projecting).
        await cache.ApplyAsync(batch, ct);
        Assert.Equal(first, Snapshot(cache));
        Assert.Equal(2 * sets, cache.Sets);
        var fresh = new InProcessHotCache(journal.Manifest, time: clock);
        await fresh.ApplyAsync(batch, ct);
        Assert.Equal(first, Snapshot(fresh));
        Assert.Equal(journal.Last, await cache.LoadCheckpointAsync(ct));

        var resumed = new InProcessHotCache(journal.Manifest, startPosition: 7, time: clock);
        Assert.Equal(7, await resumed.LoadCheckpointAsync(ct));
        Assert.Empty(resumed.Keys());
        Assert.Equal("memory", resumed.Name);
    }

    [Fact]
    public async Task Readers_running_beside_the_runner_see_whole_values_that_never_go_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var journal = new TestJournal();
        long lastQuote = 0;
        // Each quote's bid is derived from its own journal position: a torn or mixed value breaks bid == position × 10 + 1.
        for (var i = 0; i < 20_000; i++)
        {
            var position = journal.Last + 1;
            lastQuote = journal.Quote(1, position * 10 + 1, position * 10 + 2);
            if (i % 100 == 0) journal.Fill(3, 1, Side.Buy, 10, 1, i + 1, 0, i + 1);
        }
        journal.Flush();
        // A clock that stands still: nothing expires, so every read finds a value and the test is about threads only.
        var cache = new InProcessHotCache(journal.Manifest, time: new ManualClock());
        using var tail = new JournalTail(journal.Path, new JournalTailOptions { BatchSize = 16 });
        var runner = new ProjectionRunner(cache, tail);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var caughtUp = false;

        var readers = Enumerable.Range(0, 2).Select(reader => Task.Run(() =>
        {
            long lastPosition = 0, reads = 0;
            while (true)
            {
                // Read once more after the runner is done, so the final value is seen too.
                var last = Volatile.Read(ref caughtUp);
                if (cache.TryGet("price:binance:BTCUSDT", out var json))
                {
                    using var doc = JsonDocument.Parse(json);
                    var position = doc.RootElement.GetProperty("position").GetInt64();
                    var bid = doc.RootElement.GetProperty("bid").GetDecimal();
                    if (bid != (position * 10 + 1) / 100m) throw new InvalidOperationException($"bid {bid} does not belong to position {position}");
                    if (position < lastPosition) throw new InvalidOperationException($"position went back from {lastPosition} to {position}");
                    lastPosition = position;
                    reads++;
                }
                foreach (var key in cache.Keys("pos:")) cache.TryGet(key, out _);
                if (last) return (lastPosition, reads);
            }
        }, ct)).ToArray();

        var run = runner.RunAsync(cts.Token);
        await ProjectionRunnerTests.Until(() => runner.Applied == journal.Last, ct, timeoutMs: 60_000);
        Volatile.Write(ref caughtUp, true);
        var results = await Task.WhenAll(readers);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.All(results, r => Assert.Equal(lastQuote, r.lastPosition));
        Assert.Equal(journal.Last, cache.Checkpoint);
        using var pos = JsonDocument.Parse(Get(cache, "pos:3:BTCUSDT"));
        Assert.Equal("0.19901", pos.RootElement.GetProperty("qty").GetRawText());
    }

    private static string Get(InProcessHotCache cache, string key)
    {
        Assert.True(cache.TryGet(key, out var json), key);
        return json;
    }

    private static Dictionary<string, string> Snapshot(InProcessHotCache cache) => cache.Keys().ToDictionary(k => k, k => Get(cache, k));
}
