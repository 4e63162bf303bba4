using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TBot.Host.Dashboard;

/// <summary>
/// The <c>/ws</c> feed: fans messages out to every connected browser. A message is serialised once and offered to each
/// client's <see cref="ClientOutbox"/>, which never blocks: a slow client drops intermediate states (latest wins per
/// key, counted) and never holds up the publisher or the other clients. The latest message of every key is kept,
/// so a new client starts with one <c>snapshot</c> of all of them, then gets updates.
/// <para>Anything may publish, from any thread (never a ring thread: publishing serialises JSON): the feed builder
/// (<see cref="FeedBuilder"/>) publishes <c>book</c>, <c>orders</c>, <c>bots</c>, <c>venues</c>, <c>stats</c>; the event bus
/// is meant to call <see cref="Append"/> with type <c>event</c>.</para>
/// </summary>
public sealed class DashboardFeed(ILogger<DashboardFeed>? log = null)
{
    /// <summary>A send that has not completed in this time ends the client (a browser that stopped reading).</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, ClientOutbox> _clients = new();
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>> _latest = new(StringComparer.Ordinal);
    private readonly ILogger _log = log ?? NullLogger<DashboardFeed>.Instance;
    private long _nextClient, _nextEvent, _droppedByGone, _published;

    public int ClientCount => _clients.Count;

    /// <summary>Messages dropped for slow clients so far (replaced by a newer state or evicted), all clients.</summary>
    public long Dropped
    {
        get
        {
            var n = Interlocked.Read(ref _droppedByGone);
            foreach (var c in _clients.Values) n += c.Dropped;
            return n;
        }
    }

    /// <summary>Bytes waiting in all outboxes now: bounded by clients × outbox capacity × message size, however slow a client.</summary>
    public long PendingBytes
    {
        get
        {
            long n = 0;
            foreach (var c in _clients.Values) n += c.Bytes;
            return n;
        }
    }

    /// <summary>Messages published (each counted once, whatever the number of clients).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Publish the current state of <paramref name="type"/> (one key per type: <c>orders</c>, <c>bots</c>...).</summary>
    public void Publish(string type, object payload) => Publish(type, type, payload);

    /// <summary>Publish the current state of one <paramref name="key"/> of <paramref name="type"/> (e.g. a book per instrument):
    /// replaces a waiting message of that key in every outbox and is part of the next snapshot.</summary>
    public void Publish(string type, string key, object payload)
    {
        var message = DashboardJson.Envelope(type, payload);
        _latest[key] = message;
        Offer(key, message);
    }

    /// <summary>Append one message of a stream (<c>event</c>): not conflated with others, not in snapshots; a slow
    /// client still loses the oldest ones past its outbox capacity.</summary>
    public void Append(string type, object payload)
    {
        var key = $"{type}#{Interlocked.Increment(ref _nextEvent)}";
        Offer(key, DashboardJson.Envelope(type, payload));
    }

    /// <summary>Every current state as one <c>snapshot</c> message.</summary>
    public byte[] Snapshot() => DashboardJson.Snapshot(_latest.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));

    private void Offer(string key, ReadOnlyMemory<byte> message)
    {
        Interlocked.Increment(ref _published);
        foreach (var c in _clients.Values) c.Offer(key, message);
    }

    /// <summary>Register a client outbox (the caller sends from it). Returns its id for <see cref="Remove"/>.</summary>
    public long Add(ClientOutbox outbox)
    {
        var id = Interlocked.Increment(ref _nextClient);
        _clients[id] = outbox;
        // After registering: an update published meanwhile is queued before the snapshot, which already holds it.
        outbox.Offer("snapshot", Snapshot());
        return id;
    }

    public void Remove(long id)
    {
        if (_clients.TryRemove(id, out var outbox)) Interlocked.Add(ref _droppedByGone, outbox.Dropped);
    }

    /// <summary>Serve one accepted WebSocket until it closes, fails, stops reading for <see cref="SendTimeout"/>, or
    /// <paramref name="cancellationToken"/> ends. Read-only: whatever the browser sends is discarded.</summary>
    public async Task RunClientAsync(WebSocket socket, CancellationToken cancellationToken, int outboxCapacity = ClientOutbox.DefaultCapacity)
    {
        var outbox = new ClientOutbox(outboxCapacity);
        var id = Add(outbox);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receive = DrainIncomingAsync(socket, done);
        try
        {
            while (!done.IsCancellationRequested)
            {
                await outbox.WaitAsync(done.Token).ConfigureAwait(false);
                while (outbox.TryTake(out var message))
                {
                    using var send = CancellationTokenSource.CreateLinkedTokenSource(done.Token);
                    send.CancelAfter(SendTimeout);
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, send.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed by the browser, stopped reading, or the server is stopping.
        }
        catch (WebSocketException ex)
        {
            _log.LogDebug(ex, "Dashboard client {Id} went away", id);
        }
        finally
        {
            Remove(id);
            await done.CancelAsync().ConfigureAwait(false);
            try { await receive.ConfigureAwait(false); } catch (Exception) { /* the socket is finished either way */ }
            if (socket.State == WebSocketState.Open)
            {
                using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", close.Token).ConfigureAwait(false); }
                catch (Exception) { /* best effort */ }
            }
        }
    }

    // Reads (and ignores) what the browser sends, so its close frame is seen; ends the client on close or error.
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationTokenSource done)
    {
        var buffer = new byte[1024];
        try
        {
            while (!done.IsCancellationRequested)
            {
                var r = await socket.ReceiveAsync(buffer, done.Token).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception)
        {
            // Aborted or cancelled: the send loop ends too.
        }
        await done.CancelAsync().ConfigureAwait(false);
    }
}
