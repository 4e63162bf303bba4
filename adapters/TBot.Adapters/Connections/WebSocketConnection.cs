using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// One market-data WebSocket of a venue, kept alive for as long as it runs: connect (charging the venue's
/// connect budget), subscribe (charging the client-message budget), receive complete messages into pooled
/// buffers and hand them to the ingress thread through <see cref="Queue"/>; on close or error reconnect with
/// exponential backoff and full jitter, and subscribe again. Connected/Disconnected markers in the queue tell
/// the ingress thread where sessions begin and end. Requests (reconnect, resubscribe) arrive through
/// <see cref="Post"/> from any thread. Everything is contained per connection: an error here never touches
/// another connection.
/// </summary>
/// <remarks>
/// Two loops per session: the receive loop (the only caller of ReceiveAsync; allocation-free per message after
/// warm-up) and the control loop (the only caller of SendAsync: subscribes, resubscribes, app-level pings,
/// and a housekeeping tick for idle timeout and rotation). Either ending ends the session.
/// </remarks>
public sealed partial class WebSocketConnection : IConnectionControl, IAsyncDisposable
{
    /// <summary>Connection ids index fixed per-venue tables on the ingress side.</summary>
    public const int MaxConnectionId = 255;

    private readonly StreamSubscription[] _subscriptions;
    private readonly VenueRateLimits _limits;
    private readonly RateGate _messageGate;
    private readonly WebSocketConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExponentialBackoff _backoff;
    private readonly Channel<ConnectionRequest> _requests;
    private readonly Lock _lifecycle = new();
    private CancellationTokenSource? _stop;
    private Task? _run;
    private int _state;
    private int _epoch;
    private long _lastReceiveNs;

    public WebSocketConnection(
        int connectionId,
        IVenueProtocol protocol,
        IReadOnlyList<StreamSubscription> subscriptions,
        VenueRateLimits limits,
        SpscFrameQueue queue,
        WebSocketConnectionOptions? options = null,
        TimeProvider? time = null,
        ILogger? logger = null,
        Random? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfNegative(connectionId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(connectionId, MaxConnectionId);
        if (limits.Venue != protocol.Venue) throw new ArgumentException($"Rate limits of {limits.Venue} given for a {protocol.Venue} connection.", nameof(limits));
        if (subscriptions.Count > protocol.MaxSubscriptionsPerConnection)
            throw new ArgumentException($"{subscriptions.Count} subscriptions exceed the {protocol.MaxSubscriptionsPerConnection} a {protocol.Venue} connection may carry.", nameof(subscriptions));
        ConnectionId = connectionId;
        Protocol = protocol;
        _subscriptions = [.. subscriptions];
        _limits = limits;
        _messageGate = limits.ClientMessages(connectionId);
        Queue = queue;
        _options = options ?? new WebSocketConnectionOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _backoff = new ExponentialBackoff(_options.Backoff, jitter);
        // Single reader (the control loop); writers are the ingress thread, operators and the tick timer.
        // Continuations never run inline on a writer: the ingress thread must not execute socket code.
        _requests = Channel.CreateUnbounded<ConnectionRequest>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    }

    public int ConnectionId { get; }

    public Venue Venue => Protocol.Venue;

    public IVenueProtocol Protocol { get; }

    public IReadOnlyList<StreamSubscription> Subscriptions => _subscriptions;

    /// <summary>Where received frames go (this connection is its only producer).</summary>
    public SpscFrameQueue Queue { get; }

    public ConnectionStats Stats { get; } = new();

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    /// <summary>The current session number (0 before the first connect).</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    /// <summary>Consecutive failed sessions (the backoff exponent).</summary>
    public int BackoffAttempt => _backoff.Attempt;

    /// <summary>Completes when the connection has stopped.</summary>
    public Task Completion
    {
        get
        {
            lock (_lifecycle) return _run ?? Task.CompletedTask;
        }
    }

    /// <summary>Start the connection loop (once).</summary>
    public void Start(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            if (_run is not null) throw new InvalidOperationException("The connection was already started.");
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var token = _stop.Token;
            _run = Task.Run(() => RunAsync(token), CancellationToken.None);
        }
    }

    /// <summary>Stop the loop, close the socket, and wait for it.</summary>
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

    public bool Post(ConnectionRequest request) => _requests.Writer.TryWrite(request);

    private void SetState(ConnectionState state) => Volatile.Write(ref _state, (int)state);

    private long NowNs => Clock.MonotonicNs(_time);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (reason, connectedFor) = await RunSessionAsync(cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested) break;
                var stable = _backoff.OnSessionEnded(connectedFor);
                // A planned reconnect after a healthy session goes straight back; anything else backs off, so that
                // a peer that keeps failing (or input that keeps asking for reconnects) cannot make us spin.
                var delay = stable && reason is SessionEndReason.Rotation or SessionEndReason.ReconnectRequested ? TimeSpan.Zero : _backoff.Next();
                SetState(ConnectionState.Backoff);
                if (delay > TimeSpan.Zero)
                {
                    _logger.LogInformation("{Venue} connection {Connection}: reconnecting in {Delay} ms (attempt {Attempt})",
                        VenueNames.Name(Venue), ConnectionId, (long)delay.TotalMilliseconds, _backoff.Attempt);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A bug in our own code: log it and keep the connection alive rather than losing the venue.
                RecordError(ex);
                _logger.LogError(ex, "{Venue} connection {Connection}: unexpected failure", VenueNames.Name(Venue), ConnectionId);
                try
                {
                    await Task.Delay(_backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        SetState(ConnectionState.Stopped);
    }

    private async Task<(SessionEndReason Reason, TimeSpan ConnectedFor)> RunSessionAsync(CancellationToken cancellationToken)
    {
        SetState(ConnectionState.Connecting);
        await _limits.Connect.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        using var socket = new ClientWebSocket();
        _options.ConfigureSocket?.Invoke(socket.Options);
        var uri = Protocol.BuildUri(_subscriptions);
        Stats.AddConnectAttempt();
        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await socket.ConnectAsync(uri, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Stats.AddConnectFailure();
            RecordError(ex);
            _logger.LogWarning("{Venue} connection {Connection}: connect to {Uri} failed: {Error}", VenueNames.Name(Venue), ConnectionId, uri, Describe(ex));
            return (SessionEndReason.ConnectFailed, TimeSpan.Zero);
        }

        var epoch = Interlocked.Increment(ref _epoch);
        var openedNs = NowNs;
        Volatile.Write(ref _lastReceiveNs, openedNs);
        Stats.AddConnect();
        DropStaleRequests();
        // Before any frame of the session: the ingress thread resets per-connection state on this marker.
        await Queue.EnqueueAsync(FrameHandle.Marker(FrameHandleKind.Connected, Venue, ConnectionId, epoch, Clock.UnixNs(_time)), cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Venue} connection {Connection}: connected to {Uri} (session {Epoch})", VenueNames.Name(Venue), ConnectionId, uri, epoch);

        SessionEndReason reason;
        using (var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var receive = ReceiveLoopAsync(socket, epoch, session);
            var controlReason = SessionEndReason.None;
            try
            {
                controlReason = await ControlLoopAsync(socket, epoch, openedNs, session.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (session.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                RecordError(ex);
                _logger.LogWarning("{Venue} connection {Connection}: send failed: {Error}", VenueNames.Name(Venue), ConnectionId, Describe(ex));
                controlReason = SessionEndReason.Error;
            }
            if (controlReason != SessionEndReason.None && !cancellationToken.IsCancellationRequested) await CloseOutputAsync(socket, controlReason).ConfigureAwait(false);
            await session.CancelAsync().ConfigureAwait(false);
            var receiveReason = await receive.ConfigureAwait(false);
            reason = cancellationToken.IsCancellationRequested ? SessionEndReason.Stopping
                : controlReason != SessionEndReason.None ? controlReason
                : receiveReason != SessionEndReason.None ? receiveReason
                : SessionEndReason.Error;
        }
        if (reason == SessionEndReason.Stopping) await CloseOutputAsync(socket, reason).ConfigureAwait(false);
        socket.Abort();

        var connectedFor = Clock.ToTimeSpan(NowNs - openedNs);
        Stats.AddDisconnect(reason);
        var marker = FrameHandle.Marker(FrameHandleKind.Disconnected, Venue, ConnectionId, epoch, Clock.UnixNs(_time));
        if (!cancellationToken.IsCancellationRequested) await Queue.EnqueueAsync(marker, cancellationToken).ConfigureAwait(false);
        else Queue.TryEnqueue(marker); // shutting down: best effort, never wait
        _logger.LogInformation("{Venue} connection {Connection}: session {Epoch} ended ({Reason}) after {Seconds:F1} s",
            VenueNames.Name(Venue), ConnectionId, epoch, reason, connectedFor.TotalSeconds);
        return (reason, connectedFor);
    }

    /// <summary>Requests queued before this session opened were about the previous one (ticks included).</summary>
    private void DropStaleRequests()
    {
        while (_requests.Reader.TryRead(out _))
        {
        }
    }

    private async Task CloseOutputAsync(ClientWebSocket socket, SessionEndReason reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason.ToString(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket is aborted right after anyway.
        }
    }

    private void RecordError(Exception ex) => Stats.SetError(Describe(ex), _time.GetUtcNow());

    private void RecordError(string error) => Stats.SetError(error, _time.GetUtcNow());

    private static string Describe(Exception ex) => ex.InnerException is null
        ? $"{ex.GetType().Name}: {ex.Message}"
        : $"{ex.GetType().Name}: {ex.Message} ({ex.InnerException.GetType().Name}: {ex.InnerException.Message})";
}
