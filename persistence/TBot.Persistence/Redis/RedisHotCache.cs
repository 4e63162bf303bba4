using System.Text.Json;
using StackExchange.Redis;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Persistence.Projections;
using TBot.Persistence.Numerics;

namespace TBot.Persistence.Redis;

/// <summary>
/// The Redis hot cache as a journal projection. Each batch becomes one MULTI/EXEC: the SETs (with TTLs) of every
/// key the batch changed, each once with its final value, the pub/sub messages, and the checkpoint
/// <c>tbot:checkpoint:{name}</c>. Commands are pipelined and awaited once, at EXEC. Because the checkpoint
/// commits with the data, a crash or outage never leaves data without its checkpoint or the reverse; and since
/// PUBLISH inside MULTI is sent on EXEC, subscribers hear of a fill exactly when it is in the cache.
/// <para>Redis Cluster: a transaction must stay in one hash slot and these keys span slots, so against a cluster
/// the data is pipelined first and the checkpoint written after it is acknowledged (see <see cref="ApplyAsync"/>).</para>
/// </summary>
public sealed class RedisHotCache : IProjection
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisHotCacheOptions _options;
    private readonly JournalManifest _manifest;
    private readonly HotCacheView _view;
    private readonly HotCacheJson _json = new();
    private readonly RedisKey _checkpointKey;
    private readonly List<Task> _pending = new();
    private bool? _isCluster;

    public RedisHotCache(IConnectionMultiplexer redis, JournalManifest manifest, RedisHotCacheOptions? options = null, string name = "redis-hot")
    {
        _redis = redis;
        _manifest = manifest;
        _options = options ?? new RedisHotCacheOptions();
        _view = new HotCacheView(manifest.Instruments);
        Name = name;
        _checkpointKey = RedisKeys.Checkpoint(name);
    }

    public string Name { get; }

    public async Task<long> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        var value = await Database().StringGetAsync(_checkpointKey).WaitAsync(cancellationToken).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        _view.Apply(batch);
        var db = Database();
        _pending.Clear();
        if (!IsCluster())
        {
            var tran = db.CreateTransaction();
            Queue(tran);
            // The queued commands' own tasks complete (or are cancelled) with EXEC; EXEC's result is the one to await.
            _ = tran.StringSetAsync(_checkpointKey, batch.LastPosition);
            var committed = await tran.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!committed) throw new RedisException($"{Name}: transaction for positions {batch.FirstPosition}..{batch.LastPosition} was not committed.");
            return;
        }
        // Cluster: a transaction cannot span hash slots and these keys do. The data goes first as one pipelined
        // batch, the checkpoint only once every write is acknowledged: a failure in between re-applies the batch,
        // which sets the same values (at-least-once, invisible in the keys; pub/sub receivers dedupe by position).
        var pipeline = db.CreateBatch();
        Queue(pipeline);
        pipeline.Execute();
        await Task.WhenAll(_pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        await db.StringSetAsync(_checkpointKey, batch.LastPosition).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queue the batch's writes: each changed key once with its final value, then the sync messages.</summary>
    private void Queue(IBatch commands)
    {
        foreach (var s in _view.DirtyInstruments)
        {
            var i = s.Instrument;
            if (s.PriceDirty) _pending.Add(commands.StringSetAsync(RedisKeys.Price(i.Venue, i.Symbol), _json.Price(s), _options.PriceTtl));
            if (s.BookDirty) _pending.Add(commands.StringSetAsync(RedisKeys.Book(i.Venue, i.Symbol), _json.Book(s, _options.BookDepth), _options.BookTtl));
        }
        foreach (var p in _view.DirtyPositions)
        {
            var i = _view.Instrument(p.InstrumentId)!;
            _pending.Add(commands.StringSetAsync(RedisKeys.Position(p.Bot, i.Symbol), _json.Position(p, i), _options.PositionTtl));
            if (_options.Publish) _pending.Add(commands.PublishAsync(RedisKeys.PositionsChannel, JsonSerializer.SerializeToUtf8Bytes(ToUpdate(p, i))));
        }
        foreach (var m in _view.DirtyMetrics)
            _pending.Add(commands.StringSetAsync(RedisKeys.Metrics(m.Bot), _json.Metrics(m), _options.MetricsTtl));
        if (_options.Publish)
        {
            foreach (var (position, fill) in _view.Fills)
                _pending.Add(commands.PublishAsync(RedisKeys.TradesChannel, JsonSerializer.SerializeToUtf8Bytes(ToTrade(position, fill))));
        }
    }

    /// <summary>Whether the servers are a Redis Cluster; decided once a server has answered (the first batch
    /// may run while Redis is still down).</summary>
    private bool IsCluster()
    {
        if (_isCluster is { } known) return known;
        var connected = false;
        foreach (var server in _redis.GetServers())
        {
            if (!server.IsConnected) continue;
            connected = true;
            if (server.ServerType == ServerType.Cluster)
            {
                _isCluster = true;
                return true;
            }
        }
        if (connected) _isCluster = false;
        return false;
    }

    private IDatabase Database() => _redis.GetDatabase(_options.Database);

    private PositionUpdate ToUpdate(PositionState p, JournalInstrument i) => new()
    {
        JournalId = _manifest.JournalId,
        JournalPosition = p.Position,
        Bot = p.Bot,
        Venue = i.Venue,
        Symbol = i.Symbol,
        Quantity = FixedPoint.ToDecimal(p.Quantity, i.QuantityScale),
        RealizedPnl = FixedPoint.ToDecimal(p.RealizedPnl, FixedPoint.MoneyScale),
        TimeNs = p.TimeNs,
    };

    private TradeUpdate ToTrade(long position, in DecisionRecord d)
    {
        var i = _view.Instrument(d.InstrumentId)!;
        return new TradeUpdate
        {
            JournalId = _manifest.JournalId,
            JournalPosition = position,
            Bot = d.BotId,
            Venue = i.Venue,
            Symbol = i.Symbol,
            Side = d.Side == Side.Buy ? "buy" : d.Side == Side.Sell ? "sell" : "none",
            Price = FixedPoint.ToDecimal(d.Price, i.PriceScale),
            Quantity = FixedPoint.ToDecimal(d.Quantity, i.QuantityScale),
            Fee = FixedPoint.ToDecimal(d.Value1, FixedPoint.MoneyScale),
            TradeId = d.TradeId,
            ClientOrderId = d.ClientOrderId,
            TimeNs = d.TimeNs,
        };
    }
}
