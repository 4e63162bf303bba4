using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Host.Bus;
using TBot.Host.Stores;
using static TBot.Host.Tests.Bus.BusTestKit;

namespace TBot.Host.Tests.Bus;

/// <summary>Two buses (two engines) mirrored through the machine's real Redis (TBOT_TEST_REDIS, else 127.0.0.1:6379).</summary>
public sealed class RedisBusMirrorTests
{
    private static string Redis => Environment.GetEnvironmentVariable("TBOT_TEST_REDIS") is { Length: > 0 } c ? c : "127.0.0.1:6379";

    [Fact]
    public async Task Events_cross_between_two_buses_flagged_remote_and_never_loop()
    {
        // Sources unique per test run: other engines on this Redis (other tests) publish on the same channel.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var redisA = new RedisConnection(Redis, NullLogger.Instance);
        await using var redisB = new RedisConnection(Redis, NullLogger.Instance);
        await using var a = NewBus($"a{suffix}");
        await using var b = NewBus($"b{suffix}");
        var atA = new ConcurrentQueue<BusEvent>();
        var atB = new ConcurrentQueue<BusEvent>();
        // Only the two test engines' events count: the channel is server-wide.
        a.Subscribe("probe", (e, _) => { if (e.Source.EndsWith(suffix, StringComparison.Ordinal)) atA.Enqueue(e); return ValueTask.CompletedTask; });
        b.Subscribe("probe", (e, _) => { if (e.Source.EndsWith(suffix, StringComparison.Ordinal)) atB.Enqueue(e); return ValueTask.CompletedTask; });
        await using var mirrorA = RedisBusMirror.Start(redisA, a, NullLogger.Instance);
        await using var mirrorB = RedisBusMirror.Start(redisB, b, NullLogger.Instance);
        await mirrorA.Subscribed.WaitAsync(Bound, TestContext.Current.CancellationToken);
        await mirrorB.Subscribed.WaitAsync(Bound, TestContext.Current.CancellationToken);

        var fromA = a.Create(BusEventKinds.BotPaused, "bot:1", $"{a.Source}:42", DateTimeOffset.UnixEpoch.AddSeconds(1), new() { ["bot"] = "1" });
        a.Publish(fromA);
        await Until(() => atB.Count == 1, () => $"b received {atB.Count} events");
        var got = atB.Single();
        Assert.True(got.Remote);
        Assert.Equal(fromA.IdempotencyKey, got.IdempotencyKey);
        Assert.Equal(fromA.Kind, got.Kind);
        Assert.Equal(fromA.Time, got.Time);
        Assert.Equal("1", got.Get("bot"));

        var fromB = b.Create(BusEventKinds.VenueDown, "venue:okx", $"{b.Source}:7", DateTimeOffset.UnixEpoch.AddSeconds(2), new() { ["venue"] = "okx" });
        b.Publish(fromB);
        await Until(() => atA.Count == 2, () => $"a received {atA.Count} events");
        // A saw its own event (local) and B's (remote) once each; neither came back around.
        await Until(() => mirrorA.Outbound.Delivered >= 2 && mirrorB.Outbound.Delivered >= 2, () => "mirrors did not handle both events");
        await Task.Delay(300, TestContext.Current.CancellationToken); // a looping echo would have arrived by now
        Assert.Equal([(fromA.IdempotencyKey, false), (fromB.IdempotencyKey, true)], atA.Select(e => (e.IdempotencyKey, e.Remote)).ToArray());
        Assert.Equal([(fromA.IdempotencyKey, true), (fromB.IdempotencyKey, false)], atB.Select(e => (e.IdempotencyKey, e.Remote)).ToArray());
        Assert.True(mirrorA.Received >= 1 && mirrorB.Received >= 1);
    }
}
