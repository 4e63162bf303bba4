using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TBot.Host.Stores;

namespace TBot.Host.Bus;

/// <summary>
/// Mirrors the bus across engines through Redis pub/sub on channel <c>tbot:bus</c>: every local event is
/// published there as JSON (a bus subscriber, so a Redis outage is retried with backoff and then dead-lettered),
/// and every event another engine published (another source journal id) is delivered to the local subscribers
/// flagged <see cref="BusEvent.Remote"/>. Remote events are never sent back out, so nothing loops.
/// </summary>
public sealed class RedisBusMirror : IAsyncDisposable
{
    public const string Channel = "tbot:bus";
    public const string Name = "redis-mirror";
    private static readonly RedisChannel RedisChannelName = RedisChannel.Literal(Channel);
    private readonly RedisConnection _redis;
    private readonly EventBus _bus;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _subscribe;
    private ISubscriber? _subscriber;
    private long _received;
    private long _malformed;

    private RedisBusMirror(RedisConnection redis, EventBus bus, ILogger log)
    {
        _redis = redis;
        _bus = bus;
        _log = log;
    }

    /// <summary>Events received from other engines.</summary>
    public long Received => Interlocked.Read(ref _received);

    public long Malformed => Interlocked.Read(ref _malformed);

    public BusSubscription Outbound { get; private set; } = null!;

    /// <summary>Task that completes once the Redis subscription is in place (tests wait for it).</summary>
    public Task Subscribed => _subscribe ?? Task.CompletedTask;

    public static RedisBusMirror Start(RedisConnection redis, EventBus bus, ILogger log, SubscriberOptions? outbound = null)
    {
        var mirror = new RedisBusMirror(redis, bus, log);
        mirror.Outbound = bus.Subscribe(Name, mirror.SendAsync, outbound);
        mirror._subscribe = Task.Run(mirror.SubscribeAsync);
        return mirror;
    }

    private async ValueTask SendAsync(BusEvent e, CancellationToken cancellationToken)
    {
        if (e.Remote) return;
        var redis = await _redis.GetAsync(cancellationToken).ConfigureAwait(false);
        await redis.GetSubscriber().PublishAsync(RedisChannelName, JsonSerializer.Serialize(e)).ConfigureAwait(false);
    }

    /// <summary>Subscribe, retrying while Redis is down (the multiplexer re-subscribes by itself after a reconnect).</summary>
    private async Task SubscribeAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var redis = await _redis.GetAsync(_stop.Token).ConfigureAwait(false);
                _subscriber = redis.GetSubscriber();
                await _subscriber.SubscribeAsync(RedisChannelName, (_, message) => OnMessage(message)).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.LogDebug(ex, "Bus mirror: subscribing to {Channel} failed, retrying", Channel);
                try { await Task.Delay(delay, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromMilliseconds(Math.Min(5000, delay.TotalMilliseconds * 2));
            }
            catch (OperationCanceledException) { return; }
        }
    }

    private void OnMessage(RedisValue message)
    {
        BusEvent? e;
        try
        {
            e = JsonSerializer.Deserialize<BusEvent>((string)message!);
        }
        catch (JsonException)
        {
            e = null;
        }
        if (e is null)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        if (e.Source == _bus.Source) return; // our own, echoed by Redis
        Interlocked.Increment(ref _received);
        _bus.Publish(e with { Remote = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_subscribe is not null) await _subscribe.ConfigureAwait(false);
        if (_subscriber is not null)
        {
            try { await _subscriber.UnsubscribeAsync(RedisChannelName).ConfigureAwait(false); }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException) { }
        }
        _stop.Dispose();
    }
}
