using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.Binance;
using TBot.Adapters.Connections;
using TBot.Adapters.RateLimiting;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Signed (USER_DATA / TRADE) Binance REST calls: the API key in X-MBX-APIKEY, <c>recvWindow</c> and a
/// <c>timestamp</c> from the <see cref="BinanceServerClock"/>, and an HMAC-SHA256 signature over exactly the
/// bytes sent. GET/DELETE parameters go in the query string; POST parameters go in a form body (a request with
/// a body is never silently retried by the HTTP stack on a dropped connection). Calls run through the venue's
/// rate budget (<see cref="RestClient"/>). Everything it logs is scrubbed of the key, secret and signatures.
/// Shared by the live gateway and the reconciler; thread-safe.
/// </summary>
public sealed class BinanceSignedClient : IDisposable
{
    public const string ApiKeyHeader = "X-MBX-APIKEY";

    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    private readonly HttpClient _http;
    private readonly BinanceCredentials _credentials;
    private readonly BinanceSigner _signer;
    private readonly string _recvWindowText;

    public BinanceSignedClient(BinanceSignedClientOptions options, BinanceCredentials credentials, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        options.Validate();
        Time = time ?? TimeProvider.System;
        _credentials = credentials;
        Logger = new RedactingLogger(logger ?? NullLogger.Instance, credentials);
        _http = options.Handler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true);
        _http.BaseAddress = options.RestBase;
        _http.Timeout = Timeout.InfiniteTimeSpan; // the RestClient applies its own per-attempt timeout
        _http.DefaultRequestHeaders.Add(ApiKeyHeader, credentials.ApiKey);
        Rest = new RestClient(_http, options.RateLimits ?? RateLimitPresets.Binance(Time), new FramePool(16 * 1024, 16 * 1024 * 1024, 64),
            options.Rest, Time, Logger);
        Clock = new BinanceServerClock(Rest, Time, Logger);
        _signer = credentials.CreateSigner();
        RecvWindowMs = (long)options.RecvWindow.TotalMilliseconds;
        _recvWindowText = RecvWindowMs.ToString(CultureInfo.InvariantCulture);
    }

    public RestClient Rest { get; }

    public BinanceServerClock Clock { get; }

    public long RecvWindowMs { get; }

    public TimeProvider Time { get; }

    /// <summary>The scrubbing logger everything on the trading REST side logs through.</summary>
    internal ILogger Logger { get; }

    /// <summary><paramref name="logger"/> behind the same scrubbing (null: <see cref="Logger"/>).</summary>
    internal ILogger Scrubbed(ILogger? logger) => logger is null ? Logger : new RedactingLogger(logger, _credentials);

    /// <summary>Append recvWindow, the server-clock timestamp and the signature to <paramref name="parameters"/> ("a=1&amp;b=2", already encoded).</summary>
    public SignedRequest Sign(string parameters)
    {
        var timestamp = Clock.NowMs;
        var sb = new StringBuilder(parameters.Length + 128);
        if (parameters.Length > 0) sb.Append(parameters).Append('&');
        sb.Append("recvWindow=").Append(_recvWindowText).Append("&timestamp=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        return new SignedRequest(_signer.SignQuery(sb.ToString()), timestamp);
    }

    /// <summary>Send a signed request. Throws on transport failures (the outcome of a POST is then unknown).</summary>
    public Task<RestResponse> SendAsync(HttpMethod method, string path, SignedRequest request, int weight, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method == HttpMethod.Post)
        {
            var body = Encoding.ASCII.GetBytes(request.Payload);
            return Rest.SendAsync(method, path, () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = FormContentType;
                return content;
            }, weight, idempotent, cancellationToken);
        }
        return Rest.SendAsync(method, path + "?" + request.Payload, null, weight, idempotent, cancellationToken);
    }

    /// <summary>Sign <paramref name="parameters"/> now and send.</summary>
    public Task<RestResponse> SendAsync(HttpMethod method, string path, string parameters, int weight, bool idempotent, CancellationToken cancellationToken) =>
        SendAsync(method, path, Sign(parameters), weight, idempotent, cancellationToken);

    public void Dispose() => _http.Dispose();
}
