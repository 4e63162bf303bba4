using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TBot.Persistence.Redis;

namespace TBot.Host.Stores;

/// <summary>
/// The run's Redis connection, opened in the background: connecting to a Redis that is down blocks for the
/// connect timeout (and again on retry), and the engine must not wait for that before it trades. Users await
/// <see cref="GetAsync"/> inside their own retry loops; a failed attempt is retried on the next call.
/// </summary>
public sealed class RedisConnection(string configuration, ILogger log) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Task<ConnectionMultiplexer>? _connect;

    /// <summary>Start connecting now (returns at once).</summary>
    public void Start() => Attempt();

    public async Task<ConnectionMultiplexer> GetAsync(CancellationToken cancellationToken) =>
        await Attempt().WaitAsync(cancellationToken).ConfigureAwait(false);

    private Task<ConnectionMultiplexer> Attempt()
    {
        lock (_lock)
        {
            if (_connect is null || _connect.IsFaulted || _connect.IsCanceled)
                _connect = Task.Run(async () =>
                {
                    var redis = await RedisConnector.ConnectAsync(configuration).ConfigureAwait(false);
                    if (!redis.IsConnected)
                        log.LogWarning("Redis {Endpoints} is not reachable yet; the hot cache and sync catch up when it is",
                            string.Join(",", redis.GetEndPoints().Select(e => e.ToString())));
                    return redis;
                });
            return _connect;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? connect;
        lock (_lock) connect = _connect;
        if (connect is null) return;
        try
        {
            var redis = await connect.ConfigureAwait(false);
            await redis.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ArgumentException)
        {
            // Never connected: nothing to close.
        }
    }
}
