using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// Fetches REST book snapshots (Binance depth) when the ingress thread asks for them and hands each body to the
/// ingress thread as a <see cref="FrameHandleKind.RestSnapshot"/> frame tagged with the instrument, connection and
/// session epoch of the request; error answers go the same way as <see cref="FrameHandleKind.RestError"/> (to be
/// counted) and are refetched after a backoff. One worker fetches one snapshot at a time and is the single
/// producer of <see cref="Queue"/>: give each fetcher its own queue.
/// </summary>
public sealed class SnapshotFetcher : ISnapshotRequester, IAsyncDisposable
{
    private readonly RestClient _rest;
    private readonly InstrumentRegistry _instruments;
    private readonly ISnapshotEndpoint _endpoint;
    private readonly SnapshotFetcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<int> _requests = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    // Per instrument id: 1 while a fetch is queued; the (connection, epoch) of the latest request packed in one
    // long so that a reader never sees half of an update; the worker's last fetch time and retry backoff.
    private readonly int[] _pending;
    private readonly long[] _target;
    private readonly long[] _lastFetchNs;
    private readonly ExponentialBackoff?[] _retry;
    private readonly Lock _lifecycle = new();
    private CancellationTokenSource? _stop;
    private Task? _run;

    public SnapshotFetcher(RestClient rest, InstrumentRegistry instruments, ISnapshotEndpoint endpoint, SpscFrameQueue queue,
        SnapshotFetcherOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(queue);
        if (rest.Venue != endpoint.Venue) throw new ArgumentException($"A {endpoint.Venue} endpoint needs a {endpoint.Venue} REST client.", nameof(endpoint));
        if (!ReferenceEquals(rest.Pool, queue.Pool)) throw new ArgumentException("The REST client and the queue must share one frame pool (the consumer returns buffers to the queue's pool).", nameof(queue));
        _rest = rest;
        _instruments = instruments;
        _endpoint = endpoint;
        Queue = queue;
        _options = options ?? new SnapshotFetcherOptions();
        _time = time ?? rest.Limits.Budget.Time;
        _logger = logger ?? NullLogger.Instance;
        var n = instruments.Count + 1;
        _pending = new int[n];
        _target = new long[n];
        _lastFetchNs = new long[n];
        Array.Fill(_lastFetchNs, long.MinValue / 2);
        _retry = new ExponentialBackoff?[n];
    }

    public Venue Venue => _endpoint.Venue;

    /// <summary>Where snapshots go (this fetcher is its only producer).</summary>
    public SpscFrameQueue Queue { get; }

    public SnapshotFetcherStats Stats { get; } = new();

    public bool Request(int instrumentId, int connectionId, int epoch)
    {
        if ((uint)instrumentId >= (uint)_pending.Length || instrumentId == 0) return false;
        Volatile.Write(ref _target[instrumentId], Pack(connectionId, epoch));
        Stats.AddRequest();
        if (Interlocked.Exchange(ref _pending[instrumentId], 1) == 1)
        {
            Stats.AddCoalesced(); // the queued fetch will use the target just written
            return true;
        }
        return _requests.Writer.TryWrite(instrumentId);
    }

    public void Start(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            if (_run is not null) throw new InvalidOperationException("The fetcher was already started.");
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var token = _stop.Token;
            _run = Task.Run(() => RunAsync(token), CancellationToken.None);
        }
    }

    public async Task StopAsync()
    {
        Task? run;
        lock (_lifecycle)
        {
            _stop?.Cancel();
            run = _run;
        }
        _requests.Writer.TryComplete();
        if (run is not null) await run.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        lock (_lifecycle) _stop?.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reader = _requests.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var id))
                {
                    // Clear first: a request arriving during the fetch queues another one rather than being lost.
                    Volatile.Write(ref _pending[id], 0);
                    var (connectionId, epoch) = Unpack(Volatile.Read(ref _target[id]));
                    var wait = _lastFetchNs[id] + Clock.ToNs(_options.MinInterval) - Clock.MonotonicNs(_time);
                    if (wait > 0) await Task.Delay(Clock.ToDelay(wait), _time, cancellationToken).ConfigureAwait(false);
                    _lastFetchNs[id] = Clock.MonotonicNs(_time);
                    await FetchAsync(id, connectionId, epoch, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task FetchAsync(int instrumentId, int connectionId, int epoch, CancellationToken cancellationToken)
    {
        var instrument = _instruments[instrumentId];
        bool ok;
        try
        {
            using var response = await _rest.GetAsync(_endpoint.PathAndQuery(instrument), _endpoint.Weight, cancellationToken).ConfigureAwait(false);
            ok = response.IsSuccess;
            var kind = ok ? FrameHandleKind.RestSnapshot : FrameHandleKind.RestError;
            var length = response.Length;
            var buffer = response.DetachBuffer();
            var frame = new FrameHandle(kind, Venue, connectionId, epoch, buffer, length, response.ReceiveTimeNs, instrumentId, (int)response.StatusCode);
            try
            {
                await Queue.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Queue.Pool.Return(buffer);
                throw;
            }
            if (!ok)
                _logger.LogWarning("{Venue} snapshot of {Instrument}: HTTP {Status}", VenueNames.Name(Venue), instrument.Symbol, (int)response.StatusCode);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("{Venue} snapshot of {Instrument} failed: {Error}", VenueNames.Name(Venue), instrument.Symbol, ex.Message);
            ok = false;
        }

        if (ok)
        {
            Stats.AddFetched();
            _retry[instrumentId]?.Reset();
            return;
        }
        Stats.AddFailed();
        var backoff = _retry[instrumentId] ??= new ExponentialBackoff(_options.RetryBackoff);
        _ = RetryLaterAsync(instrumentId, backoff.Next(), cancellationToken);
    }

    private async Task RetryLaterAsync(int instrumentId, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            var (connectionId, epoch) = Unpack(Volatile.Read(ref _target[instrumentId]));
            Request(instrumentId, connectionId, epoch);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long Pack(int connectionId, int epoch) => ((long)connectionId << 32) | (uint)epoch;

    private static (int ConnectionId, int Epoch) Unpack(long packed) => ((int)(packed >> 32), (int)packed);
}
