using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// HTTP calls to one venue under its rate budget: every attempt first acquires its weight from the path's gate;
/// 429 and 418 put the whole venue budget in the penalty box for Retry-After (429 is then retried for
/// idempotent calls, after the penalty; 418 — a ban — is returned to the caller); 5xx answers and transport
/// errors are retried with backoff for idempotent calls only (an order POST that got a 5xx has an unknown
/// outcome and must be reconciled, not resent). Binance's X-MBX-USED-WEIGHT-* headers are fed into the budget.
/// Bodies are read into pooled buffers (<see cref="RestResponse"/>). Thread-safe.
/// </summary>
public sealed class RestClient
{
    private readonly HttpClient _http;
    private readonly VenueRateLimits _limits;
    private readonly FramePool _pool;
    private readonly RestClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _jitter;

    /// <param name="http">Client with <see cref="HttpClient.BaseAddress"/> set to the venue's REST base.</param>
    public RestClient(HttpClient http, VenueRateLimits limits, FramePool pool, RestClientOptions? options = null, TimeProvider? time = null,
        ILogger? logger = null, Random? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(pool);
        _http = http;
        _limits = limits;
        _pool = pool;
        _options = options ?? new RestClientOptions();
        _time = time ?? limits.Budget.Time;
        _logger = logger ?? NullLogger.Instance;
        _jitter = jitter ?? Random.Shared;
    }

    public Venue Venue => _limits.Venue;

    public VenueRateLimits Limits => _limits;

    public FramePool Pool => _pool;

    public RestClientStats Stats { get; } = new();

    /// <summary>An idempotent GET of <paramref name="pathAndQuery"/> costing <paramref name="weight"/>.</summary>
    public Task<RestResponse> GetAsync(string pathAndQuery, int weight, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, pathAndQuery, null, weight, idempotent: true, cancellationToken);

    /// <summary>
    /// Send a request. <paramref name="content"/> is called per attempt (HttpContent cannot be resent).
    /// Returns the final answer whatever its status; throws on transport errors that are not retried and on cancellation.
    /// </summary>
    public async Task<RestResponse> SendAsync(HttpMethod method, string pathAndQuery, Func<HttpContent>? content, int weight, bool idempotent,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        var gate = _limits.Rest(pathAndQuery);
        var backoff = new ExponentialBackoff(_options.RetryBackoff, _jitter);
        for (var attempt = 1; ; attempt++)
        {
            await gate.AcquireAsync(weight, cancellationToken).ConfigureAwait(false);
            var canRetry = idempotent && attempt < _options.MaxAttempts;
            HttpResponseMessage response;
            using var request = new HttpRequestMessage(method, pathAndQuery);
            if (content is not null) request.Content = content();
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            Stats.AddRequest();
            Stats.AddSent(pathAndQuery.Length + (request.Content?.Headers.ContentLength ?? 0));
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or IOException)
            {
                Stats.AddTransportError();
                if (!canRetry) throw;
                _logger.LogWarning("{Venue} {Method} {Path}: {Error}; retrying", VenueNames.Name(Venue), method, pathAndQuery, ex.Message);
                await RetryDelayAsync(backoff, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var nowNs = _limits.Budget.NowNs;
                _limits.ObserveResponse(response.Headers, nowNs);
                var status = (int)response.StatusCode;
                TimeSpan? retryAfter = null;
                if (status is 429 or 418)
                {
                    retryAfter = RetryAfterOf(response);
                    var penalty = Clamp(retryAfter ?? (status == 429 ? _options.Default429Penalty : _options.Default418Penalty));
                    _limits.Budget.Penalize(penalty, nowNs);
                    if (status == 429) Stats.AddRateLimited();
                    else Stats.AddBanned();
                    _logger.LogWarning("{Venue} {Method} {Path}: HTTP {Status}; the venue budget is blocked for {Seconds:F1} s",
                        VenueNames.Name(Venue), method, pathAndQuery, status, penalty.TotalSeconds);
                    if (status == 429 && canRetry)
                    {
                        Stats.AddRetry();
                        continue; // the next AcquireAsync waits out the penalty
                    }
                }
                else if (status >= 500)
                {
                    Stats.AddServerError();
                    if (canRetry)
                    {
                        _logger.LogWarning("{Venue} {Method} {Path}: HTTP {Status}; retrying", VenueNames.Name(Venue), method, pathAndQuery, status);
                        await RetryDelayAsync(backoff, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                var (buffer, length) = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
                Stats.AddReceived(length);
                return new RestResponse(_pool, response.StatusCode, buffer, length, Clock.UnixNs(_time), retryAfter, attempt);
            }
        }
    }

    private async Task RetryDelayAsync(ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        Stats.AddRetry();
        var delay = backoff.Next();
        if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - _time.GetUtcNow();
        return null;
    }

    private TimeSpan Clamp(TimeSpan penalty) => penalty < TimeSpan.Zero ? TimeSpan.Zero : penalty > _options.MaxPenalty ? _options.MaxPenalty : penalty;

    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > _options.MaxBodyBytes) throw new HttpRequestException($"Response body of {declared} bytes exceeds {_options.MaxBodyBytes}.");
        var body = new FrameBuffer(_pool);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var hint = declared is > 0 ? (int)declared.Value + 1 : 4096;
            while (true)
            {
                var read = await stream.ReadAsync(body.GetFreeMemory(Math.Max(hint - body.Length, 4096)), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                body.Advance(read);
                if (body.Length > _options.MaxBodyBytes) throw new HttpRequestException($"Response body exceeds {_options.MaxBodyBytes} bytes.");
            }
            var buffer = body.Detach(out var length);
            return (buffer, length);
        }
        catch
        {
            body.Release();
            throw;
        }
    }
}
