using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Connections;
using TBot.Adapters.Connections.Protocols;
using TBot.Adapters.Tests.RateLimiting;
using TBot.Engine.Instruments;
using static TBot.Adapters.Tests.Connections.LoopbackServer;

namespace TBot.Adapters.Tests.Connections;

public class WebSocketConnectionTests
{
    private const string OkxSubscribe = """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},{"channel":"trades","instId":"BTC-USDT"}]}""";

    private static readonly StreamSubscription[] Subscriptions = [new("books", "BTC-USDT", 1), new("trades", "BTC-USDT", 1)];

    private static readonly BackoffPolicy FastBackoff = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Receives_whole_messages_then_reconnects_after_a_drop_and_subscribes_again()
    {
        var token = TestContext.Current.CancellationToken;
        var received = new ConcurrentQueue<(int Session, string Text)>();
        var sessions = 0;
        var dropFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var large = "L" + new string('x', 150_000);
        RequestDelegate handler = async ctx =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Response.StatusCode = 400;
                return;
            }
            using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
            var session = Interlocked.Increment(ref sessions);
            var aborted = ctx.RequestAborted;
            if (await ReceiveTextAsync(ws, aborted) is not { } subscribe) return;
            received.Enqueue((session, subscribe));
            if (session == 1)
            {
                await SendTextAsync(ws, "A", aborted);
                await SendTextAsync(ws, "frag", aborted, endOfMessage: false);
                await SendTextAsync(ws, "men", aborted, endOfMessage: false);
                await SendTextAsync(ws, "ted", aborted);
                await SendTextAsync(ws, large, aborted);
                await dropFirst.Task.WaitAsync(TimeSpan.FromSeconds(30), aborted);
                ctx.Abort(); // no close handshake: the socket just dies
                return;
            }
            await SendTextAsync(ws, "C", aborted);
            while (await ReceiveTextAsync(ws, aborted) is { } more) received.Enqueue((session, more));
        };
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/ws", handler));

        var pool = new FramePool(defaultLength: 1024); // small, so that the large message must grow its buffer
        var queue = new SpscFrameQueue(64, pool);
        var logger = new TestLogger();
        var connection = new WebSocketConnection(3, new OkxProtocol(server.Ws("/ws")), Subscriptions, TestLimits.Generous(Venue.Okx), queue,
            new WebSocketConnectionOptions { Backoff = FastBackoff }, logger: logger);
        var collector = new FrameCollector(queue);
        try
        {
            connection.Start(token);
            await collector.UntilAsync(f => f.Any(x => x.Text.StartsWith('L')), token);
            dropFirst.SetResult();
            await collector.UntilAsync(f => f.Any(x => x.Text == "C"), token);

            Assert.Equal(
            [
                (FrameHandleKind.Connected, 1, ""),
                (FrameHandleKind.Message, 1, "A"),
                (FrameHandleKind.Message, 1, "fragmented"),
                (FrameHandleKind.Message, 1, large),
                (FrameHandleKind.Disconnected, 1, ""),
                (FrameHandleKind.Connected, 2, ""),
                (FrameHandleKind.Message, 2, "C"),
            ], collector.Frames);
            Assert.True(pool.Grown >= 1);

            // The server saw one subscribe per session: the client subscribed again after reconnecting.
            Assert.Equal([(1, OkxSubscribe), (2, OkxSubscribe)], received.ToArray());
            Assert.Equal(2, connection.Stats.Connects);
            Assert.Equal(1, connection.Stats.Reconnects);
            Assert.Equal(1, connection.Stats.Disconnects);
            Assert.Equal(SessionEndReason.Error, connection.Stats.LastSessionEnd);
            Assert.NotNull(connection.Stats.LastError);
            Assert.Equal(4, connection.Stats.FramesReceived);
            Assert.Equal(1 + 10 + large.Length + 1, connection.Stats.BytesReceived);
            Assert.Equal(2, connection.Epoch);
            await SpscFrameQueueTests.WaitUntil(() => connection.State == ConnectionState.Open, token);

            // A request about the dropped session is ignored; one about this session is served: the book channel
            // only is restarted (unsubscribe, then subscribe).
            Assert.True(connection.Post(new ConnectionRequest(ConnectionRequestKind.Reconnect, 0, Epoch: 1)));
            Assert.True(connection.Post(new ConnectionRequest(ConnectionRequestKind.Resubscribe, 1, Epoch: 2)));
            await SpscFrameQueueTests.WaitUntil(() => received.Count >= 4, token);
            Assert.Equal(
            [
                (2, """{"op":"unsubscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}"""),
                (2, """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}"""),
            ], received.Skip(2).ToArray());
            Assert.Equal(2, Volatile.Read(ref sessions));

            // An explicit reconnect opens a third session (polite close of the second).
            Assert.True(connection.Post(new ConnectionRequest(ConnectionRequestKind.Reconnect)));
            await SpscFrameQueueTests.WaitUntil(() => received.Any(r => r.Session == 3), token);
            Assert.Equal(SessionEndReason.ReconnectRequested, connection.Stats.LastSessionEnd);
        }
        finally
        {
            await connection.DisposeAsync();
        }
        Assert.Equal(ConnectionState.Stopped, connection.State);
        collector.DrainRest();
        Assert.Equal(FrameHandleKind.Disconnected, collector.Frames[^1].Kind);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_failing_connection_does_not_disturb_a_healthy_one()
    {
        var token = TestContext.Current.CancellationToken;
        RequestDelegate handler = async ctx =>
        {
            using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
            if (await ReceiveTextAsync(ws, ctx.RequestAborted) is null) return;
            for (var i = 0; i < 100; i++) await SendTextAsync(ws, "m" + i, ctx.RequestAborted);
            while (await ReceiveTextAsync(ws, ctx.RequestAborted) is not null) { }
        };
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/ws", handler));
        var limits = TestLimits.Generous(Venue.Okx);
        var pool = new FramePool();
        var goodQueue = new SpscFrameQueue(256, pool);
        var badQueue = new SpscFrameQueue(256, pool);
        var options = new WebSocketConnectionOptions { Backoff = FastBackoff };
        await using var good = new WebSocketConnection(1, new OkxProtocol(server.Ws("/ws")), Subscriptions, limits, goodQueue, options);
        await using var bad = new WebSocketConnection(2, new OkxProtocol(server.Ws("/missing")), Subscriptions, limits, badQueue, options);
        bad.Start(token);
        good.Start(token);
        var collector = new FrameCollector(goodQueue);
        await collector.UntilAsync(f => f.Count(x => x.Kind == FrameHandleKind.Message) == 100, token);
        await SpscFrameQueueTests.WaitUntil(() => bad.Stats.ConnectFailures >= 3, token);

        Assert.Equal(1, good.Stats.Connects);
        Assert.Equal(0, good.Stats.Disconnects);
        Assert.Equal(ConnectionState.Open, good.State);
        Assert.Equal(0, bad.Stats.Connects);
        Assert.Equal(SessionEndReason.None, good.Stats.LastSessionEnd);
        Assert.Contains("404", bad.Stats.LastError);
        Assert.Equal(0, badQueue.Count); // a connect failure never produced markers
    }

    [Fact]
    public async Task Okx_pings_after_25_quiet_seconds_and_a_pong_keeps_the_session()
    {
        var token = TestContext.Current.CancellationToken;
        var time = new ManualTimeProvider();
        var received = new ConcurrentQueue<(int Session, string Text)>();
        var sessions = 0;
        var answerPings = true;
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/ws", PingServer(received, () => Interlocked.Increment(ref sessions), () => answerPings)));
        var queue = new SpscFrameQueue(64, new FramePool());
        await using var connection = new WebSocketConnection(0, new OkxProtocol(server.Ws("/ws")), Subscriptions, TestLimits.Generous(Venue.Okx, time), queue,
            new WebSocketConnectionOptions { Backoff = new BackoffPolicy(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1)) }, time, new TestLogger());
        var collector = new FrameCollector(queue);
        connection.Start(token);
        await SpscFrameQueueTests.WaitUntil(() => received.Count == 1 && connection.State == ConnectionState.Open, token);

        time.Advance(TimeSpan.FromSeconds(26));
        await SpscFrameQueueTests.WaitUntil(() => received.Count(r => r.Text == "ping") == 1, token);
        await collector.UntilAsync(f => f.Any(x => x.Text == "pong"), token);
        Assert.Equal(1, connection.Stats.PingsSent);

        // The pong counts as traffic: 26 s after it, one more ping, and still the first session.
        time.Advance(TimeSpan.FromSeconds(26));
        await SpscFrameQueueTests.WaitUntil(() => received.Count(r => r.Text == "ping") == 2, token);
        Assert.Equal(1, connection.Epoch);

        // Now the server stops answering: 35 s of silence end the session and a new one subscribes.
        await collector.UntilAsync(f => f.Count(x => x.Text == "pong") == 2, token);
        answerPings = false;
        time.Advance(TimeSpan.FromSeconds(26));
        await SpscFrameQueueTests.WaitUntil(() => received.Count(r => r.Text == "ping") == 3, token);
        time.Advance(TimeSpan.FromSeconds(10));
        await SpscFrameQueueTests.WaitUntil(() => received.Any(r => r.Session == 2), token);
        Assert.Equal(SessionEndReason.IdleTimeout, connection.Stats.LastSessionEnd);
        Assert.Equal([(1, OkxSubscribe), (2, OkxSubscribe)], received.Where(r => r.Text != "ping").ToArray());
    }

    [Fact]
    public async Task Rotates_the_connection_on_schedule()
    {
        var token = TestContext.Current.CancellationToken;
        var time = new ManualTimeProvider();
        var received = new ConcurrentQueue<(int Session, string Text)>();
        var sessions = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/ws", PingServer(received, () => Interlocked.Increment(ref sessions), () => true)));
        var queue = new SpscFrameQueue(64, new FramePool());
        var options = new WebSocketConnectionOptions
        {
            RotateAfter = TimeSpan.FromHours(1),
            IdleTimeout = Timeout.InfiniteTimeSpan,
            PingAfterIdle = Timeout.InfiniteTimeSpan,
        };
        await using var connection = new WebSocketConnection(0, new OkxProtocol(server.Ws("/ws")), Subscriptions, TestLimits.Generous(Venue.Okx, time), queue, options, time);
        connection.Start(token);
        await SpscFrameQueueTests.WaitUntil(() => received.Count == 1 && connection.State == ConnectionState.Open, token);
        time.Advance(TimeSpan.FromMinutes(59));
        time.Advance(TimeSpan.FromMinutes(1));
        // A rotation after a stable session reconnects at once (no backoff delay on the fake clock to wait out).
        await SpscFrameQueueTests.WaitUntil(() => received.Any(r => r.Session == 2), token);
        Assert.Equal(1, connection.Stats.Rotations);
        Assert.Equal(SessionEndReason.Rotation, connection.Stats.LastSessionEnd);
        Assert.Equal(0, connection.Stats.PingsSent);
    }

    [Fact]
    public void Refuses_mismatched_venues_and_too_many_streams()
    {
        var queue = new SpscFrameQueue(8, new FramePool());
        Assert.Throws<ArgumentException>(() => new WebSocketConnection(0, new OkxProtocol(), Subscriptions, TestLimits.Generous(Venue.Binance), queue));
        var many = Enumerable.Range(0, 1025).Select(i => new StreamSubscription("trade", "S" + i)).ToList();
        Assert.Throws<ArgumentException>(() => new WebSocketConnection(0, new BinanceProtocol(), many, TestLimits.Generous(Venue.Binance), queue));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebSocketConnection(256, new OkxProtocol(), Subscriptions, TestLimits.Generous(Venue.Okx), queue));
    }

    /// <summary>Records every message; answers "ping" with "pong" while <paramref name="answer"/> says so.</summary>
    private static RequestDelegate PingServer(ConcurrentQueue<(int, string)> received, Func<int> nextSession, Func<bool> answer) => async ctx =>
    {
        using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
        var session = nextSession();
        while (await ReceiveTextAsync(ws, ctx.RequestAborted) is { } text)
        {
            received.Enqueue((session, text));
            if (text == "ping" && answer()) await SendTextAsync(ws, "pong", ctx.RequestAborted);
        }
    };
}
