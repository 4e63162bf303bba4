using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

public sealed partial class WebSocketConnection
{
    /// <summary>
    /// Receive complete messages (reassembling fragments until EndOfMessage) into pooled buffers and queue them.
    /// Waits (backpressure) when the ingress thread falls behind. Ends the session when it returns.
    /// </summary>
    private async Task<SessionEndReason> ReceiveLoopAsync(ClientWebSocket socket, int epoch, CancellationTokenSource session)
    {
        var buffer = new FrameBuffer(Queue.Pool);
        var token = session.Token;
        try
        {
            while (true)
            {
                var memory = buffer.GetFreeMemory(_options.MinReceiveSpace);
                var result = await socket.ReceiveAsync(memory, token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    RecordError($"closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}");
                    return SessionEndReason.ServerClosed;
                }
                buffer.Advance(result.Count);
                if (buffer.Length > _options.MaxFrameBytes)
                {
                    Stats.AddOversized();
                    RecordError($"message over {_options.MaxFrameBytes} bytes");
                    return SessionEndReason.FrameTooLarge;
                }
                if (!result.EndOfMessage) continue;

                // Stamped when the message is complete: that is when it can be parsed.
                var receiveTimeNs = Clock.UnixNs(_time);
                Volatile.Write(ref _lastReceiveNs, Clock.MonotonicNs(_time));
                var bytes = buffer.Detach(out var length);
                Stats.AddFrame(length);
                var frame = new FrameHandle(FrameHandleKind.Message, Venue, ConnectionId, epoch, bytes, length, receiveTimeNs);
                if (Queue.TryEnqueue(frame)) continue;
                try
                {
                    await Queue.EnqueueAsync(frame, token).ConfigureAwait(false);
                }
                catch
                {
                    Queue.Pool.Return(bytes); // not queued: still ours
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return SessionEndReason.None;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            RecordError(ex);
            _logger.LogWarning("{Venue} connection {Connection}: receive failed: {Error}", VenueNames.Name(Venue), ConnectionId, Describe(ex));
            return SessionEndReason.Error;
        }
        finally
        {
            buffer.Release();
            // Wake the control loop: the session is over.
            try
            {
                session.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Subscribe, then serve requests and housekeeping ticks until the session should end.</summary>
    private async Task<SessionEndReason> ControlLoopAsync(ClientWebSocket socket, int epoch, long openedNs, CancellationToken token)
    {
        SetState(ConnectionState.Subscribing);
        await SendAllAsync(socket, Protocol.BuildSubscribe(_subscriptions), token).ConfigureAwait(false);
        // Arm housekeeping before announcing Open: whoever waits for Open (and then moves the clock) must find the timer there.
        var interval = _options.HousekeepingInterval;
        using var timer = _time.CreateTimer(static s => ((WebSocketConnection)s!).Post(new ConnectionRequest(ConnectionRequestKind.Tick)), this, interval, interval);
        SetState(ConnectionState.Open);
        var pingAfter = Enabled(_options.PingAfterIdle ?? Protocol.PingAfterIdle);
        var idleTimeout = Enabled(_options.IdleTimeout ?? Protocol.IdleTimeout);
        var rotateAfter = Enabled(_options.RotateAfter);
        var lastPingNs = long.MinValue;
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var request))
            {
                if (request.Epoch != 0 && request.Epoch != epoch) continue; // about a session that is gone
                switch (request.Kind)
                {
                    case ConnectionRequestKind.Reconnect:
                        _logger.LogInformation("{Venue} connection {Connection}: reconnect requested", VenueNames.Name(Venue), ConnectionId);
                        return SessionEndReason.ReconnectRequested;
                    case ConnectionRequestKind.Resubscribe:
                        await ResubscribeAsync(socket, request.InstrumentId, token).ConfigureAwait(false);
                        break;
                    case ConnectionRequestKind.Tick:
                        var now = NowNs;
                        var lastReceive = Volatile.Read(ref _lastReceiveNs);
                        if (rotateAfter is { } rotate && now - openedNs >= rotate)
                        {
                            Stats.AddRotation();
                            return SessionEndReason.Rotation;
                        }
                        if (idleTimeout is { } idle && now - lastReceive >= idle)
                        {
                            RecordError($"nothing received for {Clock.ToTimeSpan(now - lastReceive).TotalSeconds:F0} s");
                            return SessionEndReason.IdleTimeout;
                        }
                        if (pingAfter is { } ping && !Protocol.PingMessage.IsEmpty && now - lastReceive >= ping && lastPingNs <= lastReceive)
                        {
                            // One ping per quiet spell: the pong (any frame) moves lastReceive past it.
                            await socket.SendAsync(Protocol.PingMessage, WebSocketMessageType.Text, true, token).ConfigureAwait(false);
                            lastPingNs = now;
                            Stats.AddPing();
                            Stats.AddSent(Protocol.PingMessage.Length);
                        }
                        break;
                }
            }
        }
        return SessionEndReason.Stopping; // the request channel was completed
    }

    private async Task ResubscribeAsync(ClientWebSocket socket, int instrumentId, CancellationToken token)
    {
        var books = new List<StreamSubscription>();
        var all = new List<StreamSubscription>();
        foreach (var s in _subscriptions)
        {
            if (s.InstrumentId != instrumentId) continue;
            all.Add(s);
            if (Protocol.IsBookChannel(s.Channel)) books.Add(s);
        }
        var target = books.Count > 0 ? books : all;
        if (target.Count == 0)
        {
            _logger.LogWarning("{Venue} connection {Connection}: resubscribe for instrument {Instrument}, which it does not carry",
                VenueNames.Name(Venue), ConnectionId, instrumentId);
            return;
        }
        _logger.LogInformation("{Venue} connection {Connection}: resubscribing {Streams}", VenueNames.Name(Venue), ConnectionId,
            string.Join(", ", target.Select(s => s.Channel + ":" + s.Symbol)));
        await SendAllAsync(socket, Protocol.BuildResubscribe(target), token).ConfigureAwait(false);
    }

    private async Task SendAllAsync(ClientWebSocket socket, IReadOnlyList<byte[]> messages, CancellationToken token)
    {
        foreach (var message in messages)
        {
            await _messageGate.AcquireAsync(1, token).ConfigureAwait(false);
            await socket.SendAsync(message, WebSocketMessageType.Text, true, token).ConfigureAwait(false);
            Stats.AddSent(message.Length);
        }
    }

    private static long? Enabled(TimeSpan? span) =>
        span is { } s && s > TimeSpan.Zero && s != Timeout.InfiniteTimeSpan ? Clock.ToNs(s) : null;
}
