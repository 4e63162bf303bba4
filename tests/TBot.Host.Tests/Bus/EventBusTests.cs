using System.Collections.Concurrent;
using TBot.Host.Bus;
using static TBot.Host.Tests.Bus.BusTestKit;

namespace TBot.Host.Tests.Bus;

/// <summary>Delivery semantics of <see cref="EventBus"/>: retries, dedupe, per-key order, dead letters, isolation.</summary>
public sealed class EventBusTests
{
    [Fact]
    public async Task A_subscriber_that_fails_twice_gets_the_event_again_and_its_effect_is_applied_once()
    {
        await using var bus = NewBus();
        var attempts = 0;
        var effects = new ConcurrentBag<string>();
        var sub = bus.Subscribe("flaky", (e, _) =>
        {
            if (++attempts <= 2) throw new InvalidOperationException($"attempt {attempts} fails");
            effects.Add(e.IdempotencyKey);
            return ValueTask.CompletedTask;
        }, FastRetries());
        var e = Event(bus, "bot:1", 1);
        bus.Publish(e);
        await Until(() => sub.Delivered == 1, () => $"delivered {sub.Delivered}, retries {sub.Retries}, dead {sub.DeadLetters}");
        Assert.Equal(3, attempts);
        Assert.Equal(2, sub.Retries);
        Assert.Equal(0, sub.DeadLetters);
        Assert.Equal([e.IdempotencyKey], effects.ToArray());
    }

    [Fact]
    public async Task A_redelivered_event_has_no_second_effect()
    {
        await using var bus = NewBus();
        var effects = new ConcurrentQueue<string>();
        var sub = bus.Subscribe("counting", (e, _) =>
        {
            effects.Enqueue(e.Get("n")!);
            return ValueTask.CompletedTask;
        });
        var first = Event(bus, "bot:1", 1);
        bus.Publish(first);
        bus.Publish(first);                       // the same event again (e.g. a journal range re-applied)
        bus.Publish(first with { Time = DateTimeOffset.UtcNow }); // a copy carrying the same idempotency key
        bus.Publish(Event(bus, "bot:1", 2));
        await Until(() => sub.Delivered + sub.Duplicates == 4, () => $"delivered {sub.Delivered}, duplicates {sub.Duplicates}");
        Assert.Equal(["1", "2"], effects.ToArray());
        Assert.Equal(2, sub.Duplicates);
    }

    [Fact]
    public async Task Dedupe_window_forgets_the_oldest_key_and_marks_only_after_the_effect_succeeded()
    {
        var window = new DedupeWindow(capacity: 2);
        Assert.True(window.Mark("a"));
        Assert.False(window.Mark("a"));
        window.Mark("b");
        window.Mark("c");                          // evicts "a"
        Assert.False(window.Contains("a"));
        Assert.True(window.Contains("c"));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await window.RunOnceAsync("d", () => throw new InvalidOperationException()));
        Assert.False(window.Contains("d"));       // failed: the retry may run it
        var runs = 0;
        Assert.True(await window.RunOnceAsync("d", () => { runs++; return ValueTask.CompletedTask; }));
        Assert.False(await window.RunOnceAsync("d", () => { runs++; return ValueTask.CompletedTask; }));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Events_of_one_key_arrive_in_order_under_concurrent_publishers_and_failures()
    {
        await using var bus = NewBus();
        const int keys = 8, perKey = 300;
        var seen = new ConcurrentDictionary<string, List<int>>();
        var random = new Random(3);
        var failing = new ConcurrentDictionary<string, int>();
        var sub = bus.Subscribe("ordered", (e, _) =>
        {
            // Every 7th event fails once: a retry must not let later events of its key overtake it.
            var n = int.Parse(e.Get("n")!, System.Globalization.CultureInfo.InvariantCulture);
            if (n % 7 == 0 && failing.TryAdd(e.IdempotencyKey, 1)) throw new InvalidOperationException("once");
            var list = seen.GetOrAdd(e.Key, _ => new List<int>());
            lock (list) list.Add(n);
            return ValueTask.CompletedTask;
        }, FastRetries());
        var other = bus.Subscribe("other", (_, _) => ValueTask.CompletedTask);
        // One publisher per key, all at once: keys interleave arbitrarily, each key's events are in order.
        await Task.WhenAll(Enumerable.Range(0, keys).Select(k => Task.Run(async () =>
        {
            for (var n = 1; n <= perKey; n++)
            {
                bus.Publish(Event(bus, $"bot:{k}", n));
                if (n % 50 == 0) await Task.Yield();
            }
        }, TestContext.Current.CancellationToken)));
        await Until(() => sub.Delivered == keys * perKey, () => $"delivered {sub.Delivered} of {keys * perKey}");
        Assert.Equal(keys, seen.Count);
        foreach (var (key, list) in seen) Assert.Equal(Enumerable.Range(1, perKey).ToArray(), list.ToArray());
        Assert.True(sub.Retries > 0);
        await Until(() => other.Delivered == keys * perKey, () => $"other delivered {other.Delivered}");
    }

    [Fact]
    public async Task An_event_that_always_fails_is_dead_lettered_after_the_maximum_attempts_and_the_next_one_is_delivered()
    {
        await using var bus = NewBus();
        var attempts = 0;
        var delivered = new ConcurrentQueue<string>();
        var sub = bus.Subscribe("picky", (e, _) =>
        {
            if (e.Get("n") == "1")
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("never");
            }
            delivered.Enqueue(e.Get("n")!);
            return ValueTask.CompletedTask;
        }, FastRetries(maxAttempts: 4));
        bus.Publish(Event(bus, "bot:1", 1));
        bus.Publish(Event(bus, "bot:1", 2));
        await Until(() => sub.Delivered == 1, () => $"delivered {sub.Delivered}, dead {sub.DeadLetters}");
        Assert.Equal(4, attempts);
        Assert.Equal(3, sub.Retries);
        Assert.Equal(1, sub.DeadLetters);
        Assert.Equal(["2"], delivered.ToArray());
        var (dead, reason) = Assert.Single(sub.RecentDeadLetters);
        Assert.Equal("1", dead.Get("n"));
        Assert.Contains("4 attempts", reason);
    }

    [Fact]
    public async Task A_slow_subscriber_does_not_hold_up_the_others()
    {
        await using var bus = NewBus();
        using var release = new SemaphoreSlim(0);
        var slow = bus.Subscribe("slow", async (_, ct) => await release.WaitAsync(ct));
        var fast = bus.Subscribe("fast", (_, _) => ValueTask.CompletedTask);
        for (var n = 1; n <= 500; n++) bus.Publish(Event(bus, "venue:binance", n));
        await Until(() => fast.Delivered == 500, () => $"fast delivered {fast.Delivered}");
        Assert.Equal(0, slow.Delivered); // still stuck on its first event
        release.Release(500);
        await Until(() => slow.Delivered == 500, () => $"slow delivered {slow.Delivered}");
    }

    [Fact]
    public async Task A_full_queue_dead_letters_for_that_subscriber_only()
    {
        await using var bus = NewBus();
        using var release = new SemaphoreSlim(0);
        var stuck = bus.Subscribe("stuck", async (_, ct) => await release.WaitAsync(ct), new SubscriberOptions { QueueCapacity = 10 });
        var fine = bus.Subscribe("fine", (_, _) => ValueTask.CompletedTask);
        for (var n = 1; n <= 100; n++) bus.Publish(Event(bus, "engine", n));
        await Until(() => fine.Delivered == 100, () => $"fine delivered {fine.Delivered}");
        // One in the handler, ten queued; the rest were refused without blocking the publisher.
        Assert.InRange(stuck.Overflows, 89, 90);
        Assert.Equal(stuck.Overflows, stuck.DeadLetters);
        Assert.Equal(0, fine.DeadLetters);
        release.Release(100);
    }
}
