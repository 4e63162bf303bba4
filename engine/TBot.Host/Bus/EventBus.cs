using Microsoft.Extensions.Logging;

namespace TBot.Host.Bus;

/// <summary>
/// In-process publish/subscribe for the run's control-plane events (bots, orders, risk, venues, projections,
/// alerts). Off the trading path: its sources are a journal-tail projection and a poller on the thread pool, never
/// the ring threads. <see cref="Publish"/> never blocks: it hands the event to each subscriber's bounded queue, in
/// one order for all of them. Delivery is at-least-once per subscriber (retries with backoff, then dead letters),
/// ordered per subscriber (hence per key), and deduplicated by idempotency key (<see cref="BusSubscription"/>).
/// </summary>
public sealed class EventBus(string source, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ILogger _log = loggers.CreateLogger("tbot.bus");
    private readonly Lock _lock = new();
    private BusSubscription[] _subscriptions = [];
    private long _published;

    /// <summary>This engine's journal id: the <see cref="BusEvent.Source"/> of the events it produces.</summary>
    public string Source { get; } = source;

    /// <summary>Unique per process start, for the idempotency keys of events that have no journal position.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    public long Published => Interlocked.Read(ref _published);

    public IReadOnlyList<BusSubscription> Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>Attach a subscriber: it receives every event published from now on, on its own task. Dispose the
    /// returned subscription to detach it.</summary>
    public BusSubscription Subscribe(string name, Func<BusEvent, CancellationToken, ValueTask> handler, SubscriberOptions? options = null)
    {
        var subscription = new BusSubscription(name, handler, options ?? new SubscriberOptions(), _log);
        lock (_lock)
        {
            if (_subscriptions.Any(s => s.Name == name)) throw new ArgumentException($"A bus subscriber named '{name}' exists already.", nameof(name));
            _subscriptions = [.. _subscriptions, subscription];
        }
        return subscription;
    }

    /// <summary>Detach a subscriber and deliver what it has queued (bounded).</summary>
    public async Task UnsubscribeAsync(BusSubscription subscription, TimeSpan drain)
    {
        lock (_lock) _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        await subscription.DrainAsync(drain).ConfigureAwait(false);
    }

    /// <summary>Queue the event for every subscriber (any thread, never blocks).</summary>
    public void Publish(BusEvent e)
    {
        // One lock around the fan-out: every subscriber sees the same order of events.
        lock (_lock)
        {
            Interlocked.Increment(ref _published);
            foreach (var s in _subscriptions) s.Offer(e);
        }
    }

    /// <summary>A local event stamped with this engine's source.</summary>
    public BusEvent Create(string kind, string key, string idempotencyKey, DateTimeOffset time, Dictionary<string, string>? data = null) => new()
    {
        Kind = kind, Key = key, IdempotencyKey = idempotencyKey, Source = Source, Time = time,
        Data = data ?? new Dictionary<string, string>(),
    };

    /// <summary>Deliver what is queued to every subscriber (each bounded by <paramref name="timeout"/>) and stop.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        BusSubscription[] all;
        lock (_lock)
        {
            all = _subscriptions;
            _subscriptions = [];
        }
        await Task.WhenAll(all.Select(s => s.DrainAsync(timeout))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        BusSubscription[] all;
        lock (_lock)
        {
            all = _subscriptions;
            _subscriptions = [];
        }
        foreach (var s in all) await s.DisposeAsync().ConfigureAwait(false);
    }
}
