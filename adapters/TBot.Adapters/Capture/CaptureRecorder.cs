using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.Connections;
using TBot.Adapters.Connections.Protocols;
using TBot.Adapters.RateLimiting;
using TBot.Adapters.Runtime;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Capture;

/// <summary>
/// <c>tbot record</c>: subscribes one venue's market-data streams over a single WebSocket and writes every text
/// frame received, stamped with its receive time (unix ns) and the connection URL, to a <see cref="CaptureWriter"/>.
/// For Binance it also takes one REST depth snapshot per symbol once that symbol's depth stream is flowing (Binance's
/// procedure: buffer the stream, then snapshot) and records the body as a <c>rest</c> record with its request URL,
/// so that <c>tbot check</c> can sync the books from the capture alone; after a reconnect it takes them again.
/// Reconnects with a jittered exponential backoff, honours the venue's connect/message/REST rate limits, sends
/// the protocol's application ping when idle, and stops (flushing the writer) on cancellation. Edge code.
/// </summary>
public sealed class CaptureRecorder
{
    /// <summary>Levels per side of the Binance depth snapshots (weight 50).</summary>
    public const int SnapshotLimit = 1000;

    private const string BinanceDepthPath = "/api/v3/depth";

    private readonly IVenueProtocol _protocol;
    private readonly List<StreamSubscription> _subscriptions;
    private readonly CaptureWriter _writer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly VenueRateLimits _limits;
    private readonly HttpMessageHandler? _httpHandler;
    private readonly byte[] _urlBytes;
    private long _records;
    private long _frames;
    private long _snapshots;
    private long _connects;
    private long _skipped;
    private long _lastReceiveNs;

    /// <param name="endpoint">Venue and where to reach it (<see cref="VenueEndpoint.Production"/> or the simulator).</param>
    /// <param name="symbols">Venue symbols (BTCUSDT, BTC-USD, BTC-USDT); upper-cased, duplicates dropped.</param>
    /// <param name="channels">Channels to subscribe per symbol; null = the runtime's defaults (<see cref="MarketDataOptions.Channels"/>).</param>
    /// <param name="writer">Where records go (shared writers are fine: writes are serialized).</param>
    /// <param name="httpHandler">Handler for the snapshot requests (tests); null = a default one.</param>
    public CaptureRecorder(VenueEndpoint endpoint, IReadOnlyList<string> symbols, IReadOnlyList<string>? channels, CaptureWriter writer,
        ILogger? logger = null, TimeProvider? time = null, HttpMessageHandler? httpHandler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(writer);
        Endpoint = endpoint;
        _writer = writer;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _httpHandler = httpHandler;
        Symbols = [.. symbols.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
        if (Symbols.Count == 0) throw new ArgumentException("At least one symbol is required.", nameof(symbols));
        Channels = channels is { Count: > 0 } ? [.. channels] : DefaultChannels(endpoint.Venue);
        _protocol = endpoint.Venue switch
        {
            Venue.Binance => new BinanceProtocol(endpoint.WebSocket),
            Venue.Coinbase => new CoinbaseProtocol(endpoint.WebSocket),
            Venue.Okx => new OkxProtocol(endpoint.WebSocket),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint.Venue, "Unknown venue."),
        };
        _subscriptions = [];
        foreach (var symbol in Symbols)
            foreach (var channel in Channels) _subscriptions.Add(new StreamSubscription(channel, symbol));
        if (_subscriptions.Count > _protocol.MaxSubscriptionsPerConnection)
            throw new ArgumentException($"{_subscriptions.Count} streams exceed the {_protocol.MaxSubscriptionsPerConnection} one connection may carry.", nameof(symbols));
        StreamUri = _protocol.BuildUri(_subscriptions);
        _urlBytes = Encoding.UTF8.GetBytes(StreamUri.AbsoluteUri);
        _limits = RateLimitPresets.For(endpoint.Venue, _time);
    }

    public VenueEndpoint Endpoint { get; }

    public Venue Venue => Endpoint.Venue;

    public IReadOnlyList<string> Symbols { get; }

    public IReadOnlyList<string> Channels { get; }

    /// <summary>The WebSocket URL connected to (written as the <c>url</c> of every frame record).</summary>
    public Uri StreamUri { get; }

    /// <summary>Records written so far (frames and REST bodies); readable while running.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>WebSocket text frames written.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>REST depth snapshots written (Binance).</summary>
    public long Snapshots => Interlocked.Read(ref _snapshots);

    /// <summary>Successful connections (1 + reconnects).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Binary frames received and not recorded (the capture format holds text).</summary>
    public long SkippedFrames => Interlocked.Read(ref _skipped);

    /// <summary>Longest message accepted; a larger one ends the session (and reconnects).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Take the Binance snapshot of a symbol whose depth stream has not shown up after this long anyway (quiet symbols).</summary>
    public TimeSpan SnapshotFallbackDelay { get; init; } = TimeSpan.FromSeconds(5);

    public BackoffPolicy Backoff { get; init; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    /// <summary>The channels the engine subscribes by default for <paramref name="venue"/>.</summary>
    public static IReadOnlyList<string> DefaultChannels(Venue venue) =>
        new MarketDataOptions().Channels.TryGetValue(venue, out var channels) ? channels : throw new ArgumentOutOfRangeException(nameof(venue));

    /// <summary>Record until <paramref name="cancellationToken"/> is cancelled; returns the records written. Flushes the writer (does not dispose it).</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new ExponentialBackoff(Backoff);
        using var http = Endpoint.Venue == Venue.Binance && Endpoint.Rest is not null
            ? (_httpHandler is null ? new HttpClient() : new HttpClient(_httpHandler, disposeHandler: false))
            : null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var connectedFor = TimeSpan.Zero;
            try
            {
                connectedFor = await RunSessionAsync(http, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("{Venue} recorder: {Error}", VenueNames.Name(Venue), ex.Message);
            }
            if (cancellationToken.IsCancellationRequested) break;
            backoff.OnSessionEnded(connectedFor);
            var delay = backoff.Next();
            _logger.LogInformation("{Venue} recorder: reconnecting in {Delay} ms", VenueNames.Name(Venue), (long)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        _writer.Flush();
        return Records;
    }

    /// <summary>One connection: connect, subscribe, record until it drops (or we stop). Returns how long it was up.</summary>
    private async Task<TimeSpan> RunSessionAsync(HttpClient? http, CancellationToken cancellationToken)
    {
        await _limits.Connect.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        using var socket = new ClientWebSocket();
        using (var timeout = new CancellationTokenSource(ConnectTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                await socket.ConnectAsync(StreamUri, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"connect to {StreamUri} timed out after {ConnectTimeout.TotalSeconds:F0} s");
            }
        }
        var openedNs = Clock.MonotonicNs(_time);
        Volatile.Write(ref _lastReceiveNs, openedNs);
        Interlocked.Increment(ref _connects);
        _logger.LogInformation("{Venue} recorder: connected to {Uri}", VenueNames.Name(Venue), StreamUri);

        var gate = _limits.ClientMessages(1);
        foreach (var message in _protocol.BuildSubscribe(_subscriptions))
        {
            await gate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }

        var snapshots = http is not null ? new SnapshotState(this, http, Endpoint.Rest!, Symbols) : null;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = KeepAliveAsync(socket, snapshots, openedNs, session.Token);
        try
        {
            await ReceiveAsync(socket, snapshots, session.Token).ConfigureAwait(false);
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
            if (snapshots is not null) await snapshots.WaitAsync().ConfigureAwait(false);
        }
        return Clock.ToTimeSpan(Clock.MonotonicNs(_time) - openedNs);
    }

    private async Task ReceiveAsync(ClientWebSocket socket, SnapshotState? snapshots, CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            if (buffer.Length - length < 16 * 1024) Array.Resize(ref buffer, buffer.Length * 2);
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                _logger.LogWarning("{Venue} recorder: closed by the server: {Status} {Description}", VenueNames.Name(Venue), socket.CloseStatus, socket.CloseStatusDescription);
                try
                {
                    using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeTimeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
                {
                }
                return;
            }
            length += result.Count;
            if (length > MaxMessageBytes) throw new InvalidDataException($"message over {MaxMessageBytes} bytes");
            if (!result.EndOfMessage) continue;

            // Stamped when the message is complete, as the live path does.
            var receiveTimeNs = Clock.UnixNs(_time);
            Volatile.Write(ref _lastReceiveNs, Clock.MonotonicNs(_time));
            if (result.MessageType == WebSocketMessageType.Text)
            {
                var data = buffer.AsSpan(0, length);
                _writer.Write(receiveTimeNs, CaptureSource.WebSocket, _urlBytes, data);
                Interlocked.Increment(ref _records);
                Interlocked.Increment(ref _frames);
                snapshots?.OnFrame(data, token);
            }
            else
            {
                Interlocked.Increment(ref _skipped);
            }
            length = 0;
            // Keep memory in check after an occasional huge message.
            if (buffer.Length > 1024 * 1024) buffer = new byte[64 * 1024];
        }
    }

    /// <summary>Once a second: application ping when idle, reconnect when silent too long, overdue snapshots, flush.</summary>
    private async Task KeepAliveAsync(ClientWebSocket socket, SnapshotState? snapshots, long openedNs, CancellationToken token)
    {
        var pingAfter = Enabled(_protocol.PingAfterIdle);
        var idleTimeout = Enabled(_protocol.IdleTimeout);
        var fallbackNs = Clock.ToNs(SnapshotFallbackDelay);
        var lastPingNs = long.MinValue;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _time, token).ConfigureAwait(false);
                var now = Clock.MonotonicNs(_time);
                var lastReceive = Volatile.Read(ref _lastReceiveNs);
                if (idleTimeout is { } idle && now - lastReceive >= idle)
                {
                    _logger.LogWarning("{Venue} recorder: nothing received for {Seconds:F0} s; reconnecting", VenueNames.Name(Venue), Clock.ToTimeSpan(now - lastReceive).TotalSeconds);
                    socket.Abort();
                    return;
                }
                if (pingAfter is { } ping && !_protocol.PingMessage.IsEmpty && now - lastReceive >= ping && lastPingNs <= lastReceive)
                {
                    await socket.SendAsync(_protocol.PingMessage, WebSocketMessageType.Text, true, token).ConfigureAwait(false);
                    lastPingNs = now;
                }
                if (snapshots is not null && now - openedNs >= fallbackNs) snapshots.FetchAllPending(token);
                _writer.Flush();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The receive loop sees the broken socket and ends the session.
        }
    }

    private static long? Enabled(TimeSpan? span) =>
        span is { } s && s > TimeSpan.Zero && s != Timeout.InfiniteTimeSpan ? Clock.ToNs(s) : null;

    /// <summary>One session's Binance snapshots: which symbols still need one, and the requests in flight.</summary>
    private sealed class SnapshotState(CaptureRecorder owner, HttpClient http, Uri restBase, IReadOnlyList<string> symbols)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _pending = new(symbols, StringComparer.Ordinal);
        private readonly List<Task> _inFlight = [];
        private int _pendingCount = symbols.Count;

        /// <summary>A frame arrived: if it is the first depth update of a symbol still waiting, snapshot it now.</summary>
        public void OnFrame(ReadOnlySpan<byte> frame, CancellationToken token)
        {
            if (Volatile.Read(ref _pendingCount) == 0) return;
            if (DepthSymbol(frame) is { } symbol) Fetch(symbol, token);
        }

        public void FetchAllPending(CancellationToken token)
        {
            if (Volatile.Read(ref _pendingCount) == 0) return;
            string[] symbols;
            lock (_lock) symbols = [.. _pending];
            foreach (var s in symbols) Fetch(s, token);
        }

        public async Task WaitAsync()
        {
            Task[] tasks;
            lock (_lock) tasks = [.. _inFlight];
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private void Fetch(string symbol, CancellationToken token)
        {
            lock (_lock)
            {
                if (!_pending.Remove(symbol)) return;
                _pendingCount = _pending.Count;
                _inFlight.Add(owner.FetchSnapshotAsync(http, restBase, symbol, token));
            }
        }

        /// <summary>The upper-case symbol of a combined-stream depth frame (<c>{"stream":"btcusdt@depth@100ms",…}</c>), else null.</summary>
        private static string? DepthSymbol(ReadOnlySpan<byte> frame)
        {
            try
            {
                var reader = new Utf8JsonReader(frame);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("stream"u8)) return null;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
                var stream = reader.GetString() ?? "";
                var at = stream.IndexOf('@');
                if (at <= 0 || !stream.AsSpan(at).StartsWith("@depth", StringComparison.Ordinal)) return null;
                return stream[..at].ToUpperInvariant();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>GET the depth snapshot and record its body (a few retries on failure; never throws).</summary>
    private async Task FetchSnapshotAsync(HttpClient http, Uri restBase, string symbol, CancellationToken token)
    {
        await Task.Yield(); // off the receive loop
        var url = restBase.AbsoluteUri.TrimEnd('/') + BinanceDepthPath + "?symbol=" + Uri.EscapeDataString(symbol)
            + "&limit=" + SnapshotLimit.ToString(CultureInfo.InvariantCulture);
        var gate = _limits.Rest(BinanceDepthPath);
        var weight = BinanceWeights.Depth(SnapshotLimit);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var retryAfter = TimeSpan.FromSeconds(attempt);
            try
            {
                await gate.AcquireAsync(weight, token).ConfigureAwait(false);
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                var receiveTimeNs = Clock.UnixNs(_time);
                if (response.IsSuccessStatusCode)
                {
                    _writer.Write(receiveTimeNs, CaptureSource.Rest, Encoding.UTF8.GetBytes(url), body);
                    Interlocked.Increment(ref _records);
                    Interlocked.Increment(ref _snapshots);
                    _logger.LogInformation("{Venue} recorder: snapshot {Symbol} ({Bytes} bytes)", VenueNames.Name(Venue), symbol, body.Length);
                    return;
                }
                if (response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
                {
                    if (response.Headers.RetryAfter?.Delta is { } delta) retryAfter = delta;
                    _limits.Budget.Penalize(retryAfter);
                }
                _logger.LogWarning("{Venue} recorder: snapshot {Symbol}: HTTP {Status}", VenueNames.Name(Venue), symbol, (int)response.StatusCode);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                _logger.LogWarning("{Venue} recorder: snapshot {Symbol}: {Error}", VenueNames.Name(Venue), symbol, ex.Message);
            }
            try
            {
                await Task.Delay(retryAfter, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        _logger.LogWarning("{Venue} recorder: no snapshot for {Symbol}; its book cannot be synced from this capture until a reconnect", VenueNames.Name(Venue), symbol);
    }
}
