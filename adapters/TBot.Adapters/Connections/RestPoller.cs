using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// Polls REST market-data endpoints (e.g. OKX ticker and candles) for each instrument every
/// <c>interval</c>, through the venue's <see cref="RestClient"/> (so every call waits on the rate limiter and
/// honours 429/418 Retry-After), and hands each body to the ingress thread through its own queue.
/// </summary>
public sealed class RestPoller : IAsyncDisposable
{
    private readonly RestClient _rest;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly IReadOnlyList<IPollEndpoint> _endpoints;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private CancellationTokenSource? _stop;
    private Task? _run;

    public RestPoller(Venue venue, RestClient rest, IReadOnlyList<Instrument> instruments, IReadOnlyList<IPollEndpoint> endpoints,
        TimeSpan interval, SpscFrameQueue queue, ILogger? logger = null)
    {
        Venue = venue;
        _rest = rest;
        _instruments = instruments;
        _endpoints = endpoints;
        _interval = interval;
        Queue = queue;
        _logger = logger ?? NullLogger.Instance;
    }

    public Venue Venue { get; }

    public SpscFrameQueue Queue { get; }

    /// <summary>The REST client's counters (requests, 429s, retries).</summary>
    public RestClientStats RestStats => _rest.Stats;

    /// <summary>Bodies delivered (successful or not).</summary>
    public long Polls => Volatile.Read(ref _polls);

    /// <summary>Requests that failed without a response (network errors, timeouts).</summary>
    public long Failures => Volatile.Read(ref _failures);

    private long _polls;
    private long _failures;

    public void Start(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                for (var e = 0; e < _endpoints.Count; e++)
                    foreach (var instrument in _instruments)
                        await PollAsync(e, instrument, token).ConfigureAwait(false);
                await Task.Delay(_interval, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(int endpointIndex, Instrument instrument, CancellationToken token)
    {
        var endpoint = _endpoints[endpointIndex];
        try
        {
            using var response = await _rest.GetAsync(endpoint.PathAndQuery(instrument), endpoint.Weight, token).ConfigureAwait(false);
            var kind = response.IsSuccess ? FrameHandleKind.RestPoll : FrameHandleKind.RestError;
            var length = response.Length;
            var buffer = response.DetachBuffer();
            var frame = new FrameHandle(kind, Venue, 0, endpointIndex, buffer, length, response.ReceiveTimeNs, instrument.Id, (int)response.StatusCode);
            try
            {
                await Queue.EnqueueAsync(frame, token).ConfigureAwait(false);
            }
            catch
            {
                Queue.Pool.Return(buffer);
                throw;
            }
            Interlocked.Increment(ref _polls);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            _logger.LogWarning("{Venue} poll {Endpoint} of {Instrument} failed: {Error}", VenueNames.Name(Venue), endpoint.Name, instrument.Symbol, ex.Message);
        }
    }

    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            try { await _run.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop?.Dispose();
    }
}
