using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using StackExchange.Redis;
using TBot.Engine.Journal;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;

namespace TBot.Persistence.Memory;

/// <summary>
/// The hot cache inside the engine process: the embedded default when no Redis is configured. The same picture as
/// <see cref="RedisHotCache"/> (it runs the same <see cref="HotCacheView"/> and <see cref="HotCacheJson"/>), so the
/// same keys (<see cref="RedisKeys"/>), the same JSON values and the same TTLs; a dashboard reads either alike.
/// <para>TTLs behave as in Redis: a key expires its TTL after it was last set (the apply time, from the
/// <see cref="TimeProvider"/>, not the event time), and an expired key reads as missing. Expired keys are removed
/// by the reader that meets them and by a sweep the writer runs at most every <see cref="InProcessHotCacheOptions.PurgeInterval"/>;
/// the key set is bounded anyway (instruments × 2 + bots × instruments + bots).</para>
/// <para>Threads: one writer (the <see cref="ProjectionRunner"/> calling <see cref="ApplyAsync"/>) and any number of
/// readers. Each key holds an immutable entry replaced whole, so a reader sees a value from before or after a SET,
/// never a mix. The values of one batch appear one key after the other, not atomically together (as with a Redis
/// Cluster, unlike the single-server MULTI/EXEC).</para>
/// <para>The checkpoint lives in memory: a new instance starts at the position given to the constructor (the host
/// passes 0: the whole journal, whose old values the TTLs then drop).</para>
/// </summary>
public sealed class InProcessHotCache : IProjection
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly HotCacheView _view;
    private readonly HotCacheJson _json = new();
    private readonly TimeProvider _time;
    private readonly int _bookDepth;
    // TTLs and the sweep interval in TimeProvider timestamp units, converted once.
    private readonly long _priceTtl, _bookTtl, _positionTtl, _metricsTtl, _purgeInterval;
    // Keys built once per instrument / bot: a batch sets a handful of keys, but catch-up runs millions of batches' worth.
    private readonly string?[] _priceKeys, _bookKeys;
    private readonly Dictionary<(int Bot, int Instrument), string> _positionKeys = new();
    private readonly Dictionary<int, string> _metricsKeys = new();
    private long _checkpoint;
    private long _sets;
    private long _nextPurge;

    public InProcessHotCache(JournalManifest manifest, long startPosition = 0, TimeProvider? time = null, InProcessHotCacheOptions? options = null, string name = "memory")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startPosition);
        options ??= new InProcessHotCacheOptions();
        _time = time ?? TimeProvider.System;
        _view = new HotCacheView(manifest.Instruments);
        _bookDepth = options.BookDepth;
        _priceTtl = ToTimestamp(options.PriceTtl);
        _bookTtl = ToTimestamp(options.BookTtl);
        _positionTtl = ToTimestamp(options.PositionTtl);
        _metricsTtl = ToTimestamp(options.MetricsTtl);
        _purgeInterval = ToTimestamp(options.PurgeInterval);
        var max = 0;
        foreach (var i in manifest.Instruments) max = Math.Max(max, i.Id);
        _priceKeys = new string?[max + 1];
        _bookKeys = new string?[max + 1];
        foreach (var i in manifest.Instruments)
        {
            _priceKeys[i.Id] = Key(RedisKeys.Price(i.Venue, i.Symbol));
            _bookKeys[i.Id] = Key(RedisKeys.Book(i.Venue, i.Symbol));
        }
        _checkpoint = startPosition;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Last journal position applied (the start position until a batch is).</summary>
    public long Checkpoint => Volatile.Read(ref _checkpoint);

    /// <summary>Values set so far (each changed key once per batch, as Redis would receive them).</summary>
    public long Sets => Volatile.Read(ref _sets);

    /// <summary>Entries held, expired ones not yet purged included: what the cache costs in memory.</summary>
    public int StoredCount => _entries.Count;

    /// <summary>The checkpoint of this instance: the start position, then the last batch applied (a runner restarted
    /// on the same instance resumes where the data is).</summary>
    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Checkpoint);
    }

    public Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0) return Task.CompletedTask;
        _view.Apply(batch);
        var now = _time.GetTimestamp();
        foreach (var s in _view.DirtyInstruments)
        {
            var id = s.Instrument.Id;
            if (s.PriceDirty) Set(_priceKeys[id]!, _json.Price(s), now + _priceTtl);
            if (s.BookDirty) Set(_bookKeys[id]!, _json.Book(s, _bookDepth), now + _bookTtl);
        }
        foreach (var p in _view.DirtyPositions)
        {
            var i = _view.Instrument(p.InstrumentId)!;
            Set(PositionKey(p.Bot, i), _json.Position(p, i), now + _positionTtl);
        }
        foreach (var m in _view.DirtyMetrics)
            Set(MetricsKey(m.Bot), _json.Metrics(m), now + _metricsTtl);
        Volatile.Write(ref _checkpoint, batch.LastPosition);
        if (now >= _nextPurge)
        {
            PurgeExpired();
            _nextPurge = now + _purgeInterval;
        }
        return Task.CompletedTask;
    }

    /// <summary>The JSON value of a live key; false when the key was never set or has expired.</summary>
    public bool TryGet(string key, [MaybeNullWhen(false)] out string json)
    {
        if (TryGetLive(key, out var entry))
        {
            json = Encoding.UTF8.GetString(entry.Utf8Json);
            return true;
        }
        json = null;
        return false;
    }

    /// <summary>The value as the UTF-8 bytes it was written as (no decoding: for readers that forward it, e.g. over a
    /// WebSocket). The array is the cache's own and never modified: do not write to it.</summary>
    public bool TryGetUtf8(string key, out ReadOnlyMemory<byte> json)
    {
        json = TryGetLive(key, out var entry) ? entry.Utf8Json : default;
        return entry is not null;
    }

    /// <summary>Time left before the key expires, as Redis TTL/PTTL; null when the key is missing or expired.</summary>
    public TimeSpan? TimeToLive(string key)
    {
        if (!TryGetLive(key, out var entry)) return null;
        return _time.GetElapsedTime(_time.GetTimestamp(), entry.ExpiresAt);
    }

    /// <summary>Live keys starting with <paramref name="prefix"/> (e.g. <c>"price:"</c>, <c>"pos:3:"</c>), sorted. A snapshot:
    /// a key may expire or appear right after.</summary>
    public IReadOnlyList<string> Keys(string prefix = "")
    {
        var now = _time.GetTimestamp();
        var keys = new List<string>();
        foreach (var (key, entry) in _entries)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !entry.IsExpired(now)) keys.Add(key);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Remove every expired entry now; returns how many. The writer calls it while applying; a host with an idle
    /// journal may call it from a timer (safe from any thread).</summary>
    public int PurgeExpired()
    {
        var now = _time.GetTimestamp();
        var removed = 0;
        foreach (var pair in _entries)
        {
            // Removes only this entry: a value set again meanwhile stays.
            if (pair.Value.IsExpired(now) && _entries.TryRemove(pair)) removed++;
        }
        return removed;
    }

    private bool TryGetLive(string key, [NotNullWhen(true)] out CacheEntry? entry)
    {
        if (_entries.TryGetValue(key, out entry))
        {
            if (!entry.IsExpired(_time.GetTimestamp())) return true;
            _entries.TryRemove(new KeyValuePair<string, CacheEntry>(key, entry));
        }
        entry = null;
        return false;
    }

    private void Set(string key, byte[] utf8Json, long expiresAt)
    {
        _entries[key] = new CacheEntry(utf8Json, expiresAt);
        Volatile.Write(ref _sets, _sets + 1);
    }

    private string PositionKey(int bot, JournalInstrument instrument)
    {
        if (!_positionKeys.TryGetValue((bot, instrument.Id), out var key))
        {
            key = Key(RedisKeys.Position(bot, instrument.Symbol));
            _positionKeys.Add((bot, instrument.Id), key);
        }
        return key;
    }

    private string MetricsKey(int bot)
    {
        if (!_metricsKeys.TryGetValue(bot, out var key))
        {
            key = Key(RedisKeys.Metrics(bot));
            _metricsKeys.Add(bot, key);
        }
        return key;
    }

    private static string Key(RedisKey key) => (string?)key ?? throw new InvalidOperationException("A hot cache key is empty.");

    private long ToTimestamp(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        // Int128: a long product of ticks and a nanosecond frequency overflows past about 15 minutes.
        return (long)((Int128)span.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);
    }
}
