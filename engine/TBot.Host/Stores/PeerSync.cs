using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TBot.Persistence.Redis;

namespace TBot.Host.Stores;

/// <summary>
/// Multi-bot sync: the positions and fills other engine instances publish over Redis (their hot-cache
/// projection publishes them), kept as this process's view of its peers. Own messages (same journal id) are
/// ignored; an update older than the one held (a peer's re-projection) is dropped.
/// </summary>
public sealed class PeerSync : IAsyncDisposable
{
    private readonly RedisConnection _redis;
    private RedisSyncSubscriber? _subscriber;
    private readonly string _ownJournal;
    private readonly ILogger _log;
    private readonly Dictionary<(string Journal, int Bot, string Venue, string Symbol), PositionUpdate> _positions = new();
    private readonly Dictionary<string, long> _tradesByPeer = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private long _positionMessages;
    private long _tradeMessages;

    private PeerSync(RedisConnection redis, string ownJournal, ILogger log)
    {
        _redis = redis;
        _ownJournal = ownJournal;
        _log = log;
    }

    /// <summary>Subscribe (in the background when Redis is down at start: the multiplexer re-subscribes on reconnect).</summary>
    public static PeerSync Start(RedisConnection redis, string ownJournal, ILogger log)
    {
        var sync = new PeerSync(redis, ownJournal, log);
        sync._reader = Task.Run(sync.RunAsync);
        return sync;
    }

    private async Task RunAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _subscriber ??= new RedisSyncSubscriber(await _redis.GetAsync(_stop.Token).ConfigureAwait(false));
                await _subscriber.StartAsync(_stop.Token).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.LogDebug(ex, "Multi-bot sync: subscribe failed, retrying");
                try { await Task.Delay(delay, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromMilliseconds(Math.Min(5000, delay.TotalMilliseconds * 2));
            }
            catch (OperationCanceledException) { return; }
        }
        try
        {
            await foreach (var m in _subscriber!.Messages.ReadAllAsync(_stop.Token).ConfigureAwait(false)) Take(m);
        }
        catch (OperationCanceledException) { }
    }

    private void Take(RedisSyncMessage message)
    {
        lock (_lock)
        {
            if (message.Position is { } p && p.JournalId != _ownJournal)
            {
                _positionMessages++;
                var key = (p.JournalId, p.Bot, p.Venue, p.Symbol);
                if (!_positions.TryGetValue(key, out var held) || held.JournalPosition < p.JournalPosition) _positions[key] = p;
            }
            else if (message.Trade is { } t && t.JournalId != _ownJournal)
            {
                _tradeMessages++;
                _tradesByPeer[t.JournalId] = _tradesByPeer.GetValueOrDefault(t.JournalId) + 1;
            }
        }
    }

    public PeerSyncReport Report()
    {
        lock (_lock)
        {
            var peers = new SortedDictionary<string, PeerView>(StringComparer.Ordinal);
            foreach (var ((journal, bot, venue, symbol), p) in _positions)
            {
                if (!peers.TryGetValue(journal, out var view)) peers[journal] = view = new PeerView();
                view.Positions[$"{bot}/{venue}:{symbol}"] = p.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
                view.LastPosition = Math.Max(view.LastPosition, p.JournalPosition);
            }
            foreach (var (journal, n) in _tradesByPeer)
            {
                if (!peers.TryGetValue(journal, out var view)) peers[journal] = view = new PeerView();
                view.Trades = n;
            }
            return new PeerSyncReport { PositionMessages = _positionMessages, TradeMessages = _tradeMessages, Malformed = _subscriber?.Malformed ?? 0, Peers = peers };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reader is not null) await _reader.ConfigureAwait(false);
        try { if (_subscriber is not null) await _subscriber.DisposeAsync().ConfigureAwait(false); }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { /* Redis gone at shutdown: nothing to unsubscribe */ }
        _stop.Dispose();
    }
}

/// <summary><c>sync</c> in the run summary: what other engine instances published.</summary>
public sealed record PeerSyncReport
{
    [JsonPropertyName("position_messages")] public long PositionMessages { get; init; }
    [JsonPropertyName("trade_messages")] public long TradeMessages { get; init; }
    [JsonPropertyName("malformed")] public long Malformed { get; init; }
    /// <summary>Per peer journal id: its bots' latest positions ("bot/venue:symbol" → quantity) and fills seen.</summary>
    [JsonPropertyName("peers")] public SortedDictionary<string, PeerView> Peers { get; init; } = [];
}

public sealed class PeerView
{
    [JsonPropertyName("positions")] public SortedDictionary<string, string> Positions { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("trades")] public long Trades { get; set; }
    [JsonPropertyName("last_position")] public long LastPosition { get; set; }
}
