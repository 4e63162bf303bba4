using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;

namespace TBot.Persistence.Redis;

/// <summary>
/// Receives the position updates and fills other engine instances publish (<c>tbot:positions</c>,
/// <c>tbot:trades</c>) and hands them over through <see cref="Messages"/>. The channel is bounded and drops
/// the oldest message when the reader falls behind: the connection's reader thread must never block, and a
/// view refreshed by the newer message loses nothing that matters. Malformed messages are counted and skipped.
/// </summary>
public sealed class RedisSyncSubscriber : IAsyncDisposable
{
    private readonly ISubscriber _subscriber;
    private readonly Channel<RedisSyncMessage> _channel;
    private long _malformed;
    private bool _subscribed;

    public RedisSyncSubscriber(IConnectionMultiplexer redis, int capacity = 10_000)
    {
        _subscriber = redis.GetSubscriber();
        _channel = Channel.CreateBounded<RedisSyncMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
    }

    public ChannelReader<RedisSyncMessage> Messages => _channel.Reader;

    /// <summary>Messages that did not parse.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Subscribe to both channels; returns once the server has confirmed (messages sent after that are received).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _subscriber.SubscribeAsync(RedisKeys.PositionsChannel, (_, v) => Receive(v, isTrade: false)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await _subscriber.SubscribeAsync(RedisKeys.TradesChannel, (_, v) => Receive(v, isTrade: true)).WaitAsync(cancellationToken).ConfigureAwait(false);
        _subscribed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscribed)
        {
            await _subscriber.UnsubscribeAsync(RedisKeys.PositionsChannel).ConfigureAwait(false);
            await _subscriber.UnsubscribeAsync(RedisKeys.TradesChannel).ConfigureAwait(false);
        }
        _channel.Writer.TryComplete();
    }

    private void Receive(RedisValue value, bool isTrade)
    {
        try
        {
            byte[]? bytes = value;
            if (bytes is null) throw new JsonException("empty message");
            var message = isTrade
                ? new RedisSyncMessage(null, JsonSerializer.Deserialize<TradeUpdate>(bytes) ?? throw new JsonException("null"))
                : new RedisSyncMessage(JsonSerializer.Deserialize<PositionUpdate>(bytes) ?? throw new JsonException("null"), null);
            _channel.Writer.TryWrite(message);
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _malformed);
        }
    }
}
