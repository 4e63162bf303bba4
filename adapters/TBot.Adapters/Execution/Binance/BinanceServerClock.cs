using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.Connections;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Binance's clock as seen from here: signed requests carry a <c>timestamp</c> that must lie within recvWindow
/// of the server's time and not more than 1 s ahead of it (-1021 otherwise). <see cref="SyncAsync"/> reads
/// <c>GET /api/v3/time</c> and keeps offset = serverTime − the local midpoint of the round trip;
/// <see cref="RunAsync"/> repeats that every few minutes, or at once after <see cref="RequestSync"/>.
/// Thread-safe.
/// </summary>
public sealed class BinanceServerClock
{
    public const string TimePath = "/api/v3/time";

    private readonly RestClient _rest;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _offsetMs;
    private long _roundTripMs;
    private long _syncs;
    private long _failures;
    private int _synced;

    public BinanceServerClock(RestClient rest, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        _rest = rest;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Server time − local time, ms (0 until the first sync).</summary>
    public long OffsetMs => Volatile.Read(ref _offsetMs);

    public bool IsSynced => Volatile.Read(ref _synced) != 0;

    /// <summary>Round trip of the last successful sync, ms (the offset is uncertain by half of it).</summary>
    public long LastRoundTripMs => Volatile.Read(ref _roundTripMs);

    public long Syncs => Volatile.Read(ref _syncs);

    public long Failures => Volatile.Read(ref _failures);

    /// <summary>Local wall clock, Unix ms.</summary>
    public long LocalNowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The server's time now, as best known: what a signed request's timestamp should be.</summary>
    public long NowMs => LocalNowMs + OffsetMs;

    /// <summary>Set the offset by hand (a host that measured it elsewhere; tests).</summary>
    public void SetOffset(long offsetMs)
    {
        Volatile.Write(ref _offsetMs, offsetMs);
        Volatile.Write(ref _synced, 1);
    }

    /// <summary>One GET /api/v3/time; updates the offset. Throws when the venue cannot be asked or answers nonsense.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        var before = LocalNowMs;
        using var response = await _rest.GetAsync(TimePath, weight: 1, cancellationToken).ConfigureAwait(false);
        var after = LocalNowMs;
        if (!response.IsSuccess || !TryReadServerTime(response.Body, out var serverMs))
        {
            throw new InvalidDataException($"GET {TimePath} answered HTTP {(int)response.StatusCode} without a serverTime.");
        }
        var offset = serverMs - (before + (after - before) / 2);
        Volatile.Write(ref _roundTripMs, after - before);
        Volatile.Write(ref _offsetMs, offset);
        Volatile.Write(ref _synced, 1);
        Interlocked.Increment(ref _syncs);
        _logger.LogDebug("Binance server clock offset {Offset} ms (round trip {RoundTrip} ms)", offset, after - before);
    }

    /// <summary>Resync every <paramref name="interval"/> (sooner after a failure or <see cref="RequestSync"/>) until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var retry = TimeSpan.FromSeconds(5) < interval ? TimeSpan.FromSeconds(5) : interval;
        var wait = interval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                await SyncAsync(cancellationToken).ConfigureAwait(false);
                wait = interval;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or InvalidDataException)
            {
                Interlocked.Increment(ref _failures);
                _logger.LogWarning("Binance server time sync failed ({Error}); retrying in {Seconds} s", ex.Message, retry.TotalSeconds);
                wait = retry;
            }
        }
    }

    /// <summary>Ask <see cref="RunAsync"/> to resync now (e.g. the venue just answered -1021).</summary>
    public void RequestSync()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A resync is already pending.
        }
    }

    private static bool TryReadServerTime(ReadOnlySpan<byte> body, out long serverMs)
    {
        serverMs = 0;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTime = reader.ValueTextEquals("serverTime"u8);
                if (!reader.Read()) return false;
                if (isTime) return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out serverMs);
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
