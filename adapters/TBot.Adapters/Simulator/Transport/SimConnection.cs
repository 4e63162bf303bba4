using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Connections;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>
/// One client WebSocket. A receive loop hands complete text messages to the venue feed; a send loop drains the
/// outbox in batches. Only the send loop sends (acks, pongs and closes are queued too), which keeps the
/// WebSocket's one-sender rule without locks. Feed/subscription state is owned by the pump thread.
/// </summary>
internal sealed class SimConnection
{
    private const int MaxMessageBytes = 1 << 20;
    private readonly HttpContext _http;
    private readonly WebSocket _socket;
    private int _closed;

    public SimConnection(int id, ConnectionKind kind, HttpContext http, WebSocket socket, long maxQueuedBytes)
    {
        Id = id;
        Kind = kind;
        _http = http;
        _socket = socket;
        Outbox = new FrameQueue(maxQueuedBytes);
        ConnId = ((uint)(id * 2654435761u)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Id { get; }

    public ConnectionKind Kind { get; }

    /// <summary>OKX-style connection id ("a4d3ae55").</summary>
    public string ConnId { get; }

    public FrameQueue Outbox { get; }

    public AsyncSignal Signal { get; } = new();

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    // ---- pump-thread state ----

    /// <summary>Venue feed's per-connection subscription state.</summary>
    public object? FeedState { get; set; }

    /// <summary>Coinbase Advanced Trade per-connection sequence_num (next value to use).</summary>
    public long NextSequenceNum { get; set; }

    /// <summary>Binance combined-stream envelope ({"stream":..,"data":..}) on this connection.</summary>
    public bool UseEnvelope { get; set; }

    /// <summary>Already listed for a wake-up at the end of the pump's chunk.</summary>
    public bool PendingWake { get; set; }

    // ---- any thread ----

    /// <summary>Queue a frame from outside the pump (pong, request errors) and wake the sender.</summary>
    public void SendNow(ReadOnlySpan<byte> frame)
    {
        if (IsClosed) return;
        if (!Outbox.Enqueue(frame)) Kill();
        Signal.Set();
    }

    /// <summary>Close politely (close frame after whatever is queued).</summary>
    public void Close()
    {
        Outbox.Enqueue(ReadOnlySpan<byte>.Empty, OutboundFrameKind.Close);
        Signal.Set();
    }

    /// <summary>Cut the connection now, without a close handshake.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        Outbox.Release();
        Signal.Set();
        try
        {
            _http.Abort();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Run until the client leaves or the connection is killed.</summary>
    public async Task RunAsync(Action<SimConnection, ReadOnlyMemory<byte>> onText, CancellationToken ct)
    {
        var send = SendLoopAsync(ct);
        var receive = ReceiveLoopAsync(onText, ct);
        await Task.WhenAny(send, receive).ConfigureAwait(false);
        if (receive.IsCompleted && !send.IsCompleted && !IsClosed)
        {
            // The client closed (or its side failed): answer the close after what is queued, then stop.
            Outbox.Enqueue(ReadOnlySpan<byte>.Empty, OutboundFrameKind.Close);
        }
        Interlocked.Exchange(ref _closed, 1);
        Signal.Set();
        try
        {
            await Task.WhenAll(send, receive).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Socket errors and timeouts at teardown are expected (client vanished, drop fault).
            _socket.Abort();
        }
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        byte[]? drained = null;
        try
        {
            while (true)
            {
                var n = Outbox.TakeAll(ref drained);
                if (n == 0)
                {
                    if (IsClosed && Outbox.IsEmpty) return;
                    await Signal.WaitAsync().ConfigureAwait(false);
                    continue;
                }
                var offset = 0;
                while (offset < n)
                {
                    offset = FrameQueue.Read(drained!, offset, out var kind, out var frame);
                    switch (kind)
                    {
                        case OutboundFrameKind.Text:
                            // No token: a cancelable token sends ManagedWebSocket down its slower, allocating path.
                            // Stopping aborts the socket instead.
                            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                            break;
                        case OutboundFrameKind.Close:
                            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                            return;
                        case OutboundFrameKind.Abort:
                            Kill();
                            return;
                    }
                }
            }
        }
        catch (Exception) when (IsClosed || ct.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
            // The peer went away or the host is stopping.
        }
        catch (WebSocketException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            Interlocked.Exchange(ref _closed, 1);
            if (drained is not null) ArrayPool<byte>.Shared.Return(drained);
        }
    }

    private async Task ReceiveLoopAsync(Action<SimConnection, ReadOnlyMemory<byte>> onText, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        var length = 0;
        try
        {
            while (!IsClosed)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxMessageBytes) return;
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var result = await _socket.ReceiveAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return;
                length += result.Count;
                if (!result.EndOfMessage) continue;
                if (result.MessageType == WebSocketMessageType.Text) onText(this, buffer.AsMemory(0, length));
                length = 0;
            }
        }
        catch (Exception) when (IsClosed || ct.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
