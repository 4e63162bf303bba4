using System.Text;
using TBot.Adapters.Connections;
using TBot.Adapters.Ingress;
using TBot.Engine.Books;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Tests.Connections;

public class IngressLoopTests
{
    private sealed class Rig
    {
        public Rig(Venue venue, bool snapshotFromStream, int connections = 1)
        {
            A = Registry.Add(venue, "AAA", 2, 2);
            B = Registry.Add(venue, "BBB", 2, 2);
            C = Registry.Add(venue, "CCC", 2, 2); // no book: its levels pass through validated but unsynchronised
            Pipeline = new IngressPipeline(Registry, new ValidationOptions(), Sink);
            Pipeline.AddParser(new ScriptParser(venue, A.Id));
            BookA = Pipeline.AddBook(A, new TestBookRules(snapshotFromStream));
            BookB = Pipeline.AddBook(B, new TestBookRules(snapshotFromStream));
            Loop = new IngressLoop(Pipeline, new IngressLoopOptions { SpinIterations = 10, YieldIterations = 10 }, new TestLogger());
            Requester = new RecordingRequester(venue);
            Loop.AddSnapshotRequester(Requester);
            Loop.AddRestHandler(new ScriptRestHandler(venue));
            Rest = new SpscFrameQueue(64, Pool);
            for (var c = 0; c < connections; c++)
            {
                var queue = new SpscFrameQueue(4096, Pool);
                var control = new RecordingControl(venue, c);
                Streams.Add(queue);
                Controls.Add(control);
                Loop.AddSource(queue);
                // Connection 0 carries A (and B when alone); connection 1 carries B.
                Loop.AddConnection(control, connections == 1 ? [A.Id, B.Id] : c == 0 ? [A.Id] : [B.Id]);
            }
            Loop.AddSource(Rest);
            Venue = venue;
        }

        public Venue Venue { get; }
        public InstrumentRegistry Registry { get; } = new();
        public Instrument A { get; }
        public Instrument B { get; }
        public Instrument C { get; }
        public CountingEventSink Sink { get; } = new();
        public IngressPipeline Pipeline { get; }
        public BookSyncMachine BookA { get; }
        public BookSyncMachine BookB { get; }
        public FramePool Pool { get; } = new(defaultLength: 64);
        public List<SpscFrameQueue> Streams { get; } = [];
        public List<RecordingControl> Controls { get; } = [];
        public SpscFrameQueue Rest { get; }
        public RecordingRequester Requester { get; }
        public IngressLoop Loop { get; }

        public void Message(string text, int connection = 0, int epoch = 1) => Assert.True(Streams[connection].TryEnqueue(Framed(FrameHandleKind.Message, text, connection, epoch)));

        public void Marker(FrameHandleKind kind, int connection = 0, int epoch = 1) =>
            Assert.True(Streams[connection].TryEnqueue(FrameHandle.Marker(kind, Venue, connection, epoch, 1)));

        public void Snapshot(string body, int instrument, int connection = 0, int epoch = 1, FrameHandleKind kind = FrameHandleKind.RestSnapshot) =>
            Assert.True(Rest.TryEnqueue(Framed(kind, body, connection, epoch, instrument)));

        public FrameHandle Framed(FrameHandleKind kind, string text, int connection, int epoch, int instrument = 0)
        {
            var buffer = Pool.Rent();
            var n = Encoding.UTF8.GetBytes(text, buffer);
            return new FrameHandle(kind, Venue, connection, epoch, buffer, n, 1, instrument, kind == FrameHandleKind.RestError ? 400 : 200);
        }

        public int Run()
        {
            var total = 0;
            int n;
            while ((n = Loop.RunOnce()) > 0) total += n;
            return total;
        }
    }

    [Fact]
    public void Binance_style_sync_requests_a_snapshot_splices_it_and_defers_resync_until_the_reconnect()
    {
        var rig = new Rig(Venue.Binance, snapshotFromStream: false);
        rig.Marker(FrameHandleKind.Connected);
        rig.Message("d:101:105");
        Assert.Equal(2, rig.Run());
        Assert.Equal(BookSyncState.Buffering, rig.BookA.State);
        Assert.Equal([(rig.A.Id, 0, 1)], rig.Requester.Requests);

        rig.Snapshot("snap:103", rig.A.Id);
        rig.Run();
        Assert.Equal(BookSyncState.Live, rig.BookA.State);
        Assert.Equal(105, rig.BookA.Book.UpdateId);
        rig.Message("d:106:107");
        rig.Run();
        Assert.Equal(107, rig.BookA.Book.UpdateId);
        Assert.Equal(1, rig.Loop.Stats.RestSnapshots);

        // Disconnect: the book goes stale at once; its snapshot request waits for the new session.
        rig.Marker(FrameHandleKind.Disconnected);
        rig.Run();
        Assert.Equal(BookSyncState.Stale, rig.BookA.State);
        Assert.Single(rig.Requester.Requests);
        rig.Marker(FrameHandleKind.Connected, epoch: 2);
        rig.Run();
        // MarkConnectionStale covers every book of the venue, B (never fed yet) included.
        Assert.Equal([(rig.A.Id, 0, 2), (rig.B.Id, 0, 2)], rig.Requester.Requests.Skip(1));
        Assert.Equal(1, rig.Pipeline.Stats[(int)Venue.Binance].Reconnects);

        // A snapshot fetched for session 1 arrives late: dropped and fetched again for session 2.
        rig.Snapshot("snap:108", rig.A.Id, epoch: 1);
        rig.Run();
        Assert.Equal(1, rig.Loop.Stats.StaleSnapshotsDropped);
        Assert.Equal(BookSyncState.Stale, rig.BookA.State);
        Assert.Equal((rig.A.Id, 0, 2), rig.Requester.Requests[^1]);

        rig.Message("d:110:112", epoch: 2);
        rig.Snapshot("snap:111", rig.A.Id, epoch: 2);
        rig.Run();
        Assert.Equal(BookSyncState.Live, rig.BookA.State);
        Assert.Equal(112, rig.BookA.Book.UpdateId);
        Assert.True(rig.Sink.Events > 0);
        Assert.Equal(0, rig.Pool.Outstanding);
    }

    [Fact]
    public void Unparsable_snapshots_and_rest_errors_are_counted_and_refetched()
    {
        var rig = new Rig(Venue.Binance, snapshotFromStream: false);
        rig.Marker(FrameHandleKind.Connected);
        rig.Message("d:5:6");
        rig.Run();
        var requests = rig.Requester.Requests.Count;
        rig.Snapshot("garbage", rig.A.Id);
        rig.Snapshot("""{"code":-1121,"msg":"Invalid symbol."}""", rig.A.Id, kind: FrameHandleKind.RestError);
        rig.Run();
        Assert.Equal(requests + 1, rig.Requester.Requests.Count); // parse failure → fetch again (the fetcher retries errors itself)
        Assert.Equal(1, rig.Pipeline.Rejects.Get(Venue.Binance, RejectReason.MalformedJson));
        Assert.Equal(1, rig.Pipeline.Rejects.Get(Venue.Binance, RejectReason.VenueError));
        Assert.Equal(1, rig.Loop.Stats.RestErrors);
        Assert.Equal(0, rig.Pool.Outstanding);
    }

    [Fact]
    public void Shutdown_notices_become_reconnect_requests_for_the_current_session_and_a_throwing_parser_is_contained()
    {
        var rig = new Rig(Venue.Binance, snapshotFromStream: false);
        rig.Marker(FrameHandleKind.Connected, epoch: 4);
        rig.Message("throw", epoch: 4);
        rig.Message("shutdown", epoch: 4);
        rig.Message("bad", epoch: 4);
        rig.Run();
        Assert.Equal(1, rig.Loop.Stats.Errors);
        Assert.Equal([new ConnectionRequest(ConnectionRequestKind.Reconnect, 0, 4)], rig.Controls[0].Requests);
        Assert.Equal(1, rig.Pipeline.Rejects.Get(Venue.Binance, RejectReason.MalformedJson));
        Assert.Equal(3, rig.Loop.Stats.Messages);
        Assert.Equal(0, rig.Pool.Outstanding);
    }

    [Fact]
    public void Stream_snapshot_books_are_resubscribed_on_the_connection_that_carries_them()
    {
        var rig = new Rig(Venue.Okx, snapshotFromStream: true, connections: 2);
        rig.Marker(FrameHandleKind.Connected, connection: 0, epoch: 1);
        rig.Marker(FrameHandleKind.Connected, connection: 1, epoch: 7);
        rig.Message($"s:10:{rig.A.Id}", connection: 0);
        rig.Message($"s:20:{rig.B.Id}", connection: 1, epoch: 7);
        rig.Run();
        Assert.Equal(BookSyncState.Live, rig.BookA.State);
        Assert.Equal(BookSyncState.Live, rig.BookB.State);

        // A gap on B's stream: resubscribe B on connection 1, in its session.
        rig.Message($"d:25:26:{rig.B.Id}", connection: 1, epoch: 7);
        rig.Run();
        Assert.Equal(BookSyncState.Stale, rig.BookB.State);
        Assert.Equal([new ConnectionRequest(ConnectionRequestKind.Resubscribe, rig.B.Id, 7)], rig.Controls[1].Requests);
        Assert.Empty(rig.Controls[0].Requests);

        // Connection 0 drops: its book goes stale and needs nothing sent (the reconnect subscribes everything).
        rig.Message($"s:30:{rig.B.Id}", connection: 1, epoch: 7);
        rig.Marker(FrameHandleKind.Disconnected, connection: 0, epoch: 1);
        rig.Run();
        Assert.Equal(BookSyncState.Stale, rig.BookA.State);
        Assert.Empty(rig.Controls[0].Requests);
        Assert.Empty(rig.Requester.Requests);
        Assert.Equal(0, rig.Pool.Outstanding);
    }

    [Fact]
    public async Task Runs_on_its_own_thread_and_drains_on_stop()
    {
        var rig = new Rig(Venue.Coinbase, snapshotFromStream: true);
        var unbooked = rig.C;
        const int count = 20_000;
        rig.Loop.Start();
        Assert.True(rig.Loop.IsRunning);
        var queue = rig.Streams[0];
        await Task.Run(async () =>
        {
            await queue.EnqueueAsync(FrameHandle.Marker(FrameHandleKind.Connected, Venue.Coinbase, 0, 1, 1));
            for (var i = 1; i <= count; i++) await queue.EnqueueAsync(rig.Framed(FrameHandleKind.Message, $"d:{i}:{i}:{unbooked.Id}", 0, 1));
        }, TestContext.Current.CancellationToken);
        rig.Loop.Stop();
        Assert.False(rig.Loop.IsRunning);
        Assert.Equal(count, rig.Loop.Stats.Messages);
        Assert.Equal(count, rig.Sink.Events);
        Assert.Equal(0, rig.Pool.Outstanding);
    }

    [Fact]
    public void Registration_after_start_is_refused()
    {
        var rig = new Rig(Venue.Okx, snapshotFromStream: true);
        rig.Loop.Start();
        try
        {
            Assert.Throws<InvalidOperationException>(() => rig.Loop.AddSource(new SpscFrameQueue(4, rig.Pool)));
        }
        finally
        {
            rig.Loop.Stop();
        }
    }

    [Fact]
    public void Processing_frames_does_not_allocate()
    {
        var rig = new Rig(Venue.Binance, snapshotFromStream: false);
        var unbooked = rig.C;
        rig.Marker(FrameHandleKind.Connected);
        rig.Run();
        long allocated = 0;
        long id = 0;
        for (var round = 0; round < 60; round++)
        {
            for (var i = 0; i < 2000; i++)
            {
                id++;
                rig.Message(i % 100 == 0 ? "bad" : $"d:{id}:{id}:{unbooked.Id}");
            }
            var before = GC.GetAllocatedBytesForCurrentThread();
            var processed = rig.Run();
            var delta = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(2000, processed);
            if (round >= 10) allocated += delta; // after warm-up
        }
        Assert.Equal(0, allocated);
    }
}
