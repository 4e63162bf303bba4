using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TBot.Host.Dashboard;

namespace TBot.Host.Tests.Dashboard;

/// <summary>Per-client outboxes: a browser that never reads holds a bounded amount of memory and does not slow the
/// publisher or a browser that reads. Real WebSockets over loopback TCP.</summary>
public sealed class SlowClientTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_that_never_reads_stays_bounded_and_does_not_stall_a_fast_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var feed = new DashboardFeed();
        const int capacity = 64; // more than the 40 keys: latest-wins per key, no eviction (the unit test below covers eviction)
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slow = await SocketPair.OpenAsync();
        using var fast = await SocketPair.OpenAsync();
        var slowServe = feed.RunClientAsync(slow.Server, stop.Token, capacity);
        var fastServe = feed.RunClientAsync(fast.Server, stop.Token, capacity);

        // The fast browser reads everything and remembers the last sequence number seen per key.
        var seen = new Dictionary<string, long>();
        var lastSeen = 0L;
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[1 << 20];
            while (true)
            {
                var n = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await fast.Client.ReceiveAsync(buffer.AsMemory(n), ct);
                    n += r.Count;
                } while (!r.EndOfMessage);
                if (r.MessageType == WebSocketMessageType.Close) return;
                using var doc = JsonDocument.Parse(buffer.AsMemory(0, n));
                if (doc.RootElement.GetProperty("type").GetString() != "book") continue;
                var data = doc.RootElement.GetProperty("data");
                lock (seen)
                {
                    seen[data.GetProperty("key").GetString()!] = data.GetProperty("seq").GetInt64();
                    lastSeen = Math.Max(lastSeen, data.GetProperty("seq").GetInt64());
                }
            }
        }, ct);

        // 4 000 messages of 32 KB (128 MB in all) over 40 keys: far more than the slow side's socket buffers hold.
        var filler = new string('x', 32 * 1024);
        const int total = 4_000;
        long maxPending = 0;
        for (var seq = 1; seq <= total; seq++)
        {
            var key = $"k{seq % 40}";
            feed.Publish("book", "book:" + key, new { key, seq, filler });
            maxPending = Math.Max(maxPending, feed.PendingBytes);
        }

        // The fast client gets the final state of every key (bounded wait), while the slow one is still stuck.
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            lock (seen) if (lastSeen == total && seen.Count == 40 && seen.All(p => p.Value > total - 40)) break;
            Assert.False(reader.IsCompleted, "the fast client's reader ended");
            Assert.True(DateTime.UtcNow < deadline, $"the fast client did not get the latest states; last seen {lastSeen} of {total}");
            await Task.Delay(50, ct);
        }
        Assert.False(slowServe.IsCompleted, "the slow client is still connected (it is slow, not gone)");

        // Bounded memory: never more than (capacity + snapshot) messages per client waiting, whatever was published.
        var message = filler.Length + 200;
        Assert.True(maxPending <= 2L * (capacity + 1) * message, $"pending bytes peaked at {maxPending}");
        Assert.True(feed.PendingBytes <= (capacity + 1L) * message, $"pending bytes {feed.PendingBytes}");
        Assert.True(feed.Dropped > total / 2, $"the slow client dropped only {feed.Dropped} intermediate states");

        await stop.CancelAsync();
        await Task.WhenAll(slowServe, fastServe).WaitAsync(Bound, ct);
    }

    [Fact]
    public void An_outbox_keeps_the_latest_message_per_key_and_evicts_the_oldest_key_past_its_capacity()
    {
        var box = new ClientOutbox(capacity: 3);
        box.Offer("a", Bytes("a1"));
        box.Offer("b", Bytes("b1"));
        box.Offer("a", Bytes("a2"));     // replaces a1, keeps a's place
        box.Offer("c", Bytes("c1"));
        box.Offer("d", Bytes("d1"));     // full: the oldest waiting key (a) goes
        Assert.Equal(3, box.Count);
        Assert.Equal(2, box.Dropped);
        Assert.Equal(["b1", "c1", "d1"], TakeAll(box));
        Assert.Equal(0, box.Bytes);
        box.Offer("a", Bytes("a3"));
        Assert.Equal(["a3"], TakeAll(box));
    }

    private static ReadOnlyMemory<byte> Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static List<string> TakeAll(ClientOutbox box)
    {
        var list = new List<string>();
        while (box.TryTake(out var m)) list.Add(Encoding.UTF8.GetString(m.Span));
        return list;
    }

    /// <summary>Both ends of a WebSocket over a loopback TCP connection with small socket buffers.</summary>
    private sealed class SocketPair : IDisposable
    {
        private readonly TcpClient _client;
        private readonly Socket _server;

        private SocketPair(TcpClient client, Socket server)
        {
            _client = client;
            _server = server;
            Client = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false });
            Server = WebSocket.CreateFromStream(new NetworkStream(server, ownsSocket: true), new WebSocketCreationOptions { IsServer = true });
        }

        public WebSocket Client { get; }
        public WebSocket Server { get; }

        public static async Task<SocketPair> OpenAsync()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new TcpClient { ReceiveBufferSize = 64 * 1024 };
            var accept = listener.AcceptSocketAsync();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var server = await accept;
            server.SendBufferSize = 64 * 1024;
            return new SocketPair(client, server);
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
            _client.Dispose();
            _server.Dispose();
        }
    }
}
