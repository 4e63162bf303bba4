using TBot.Engine.Books;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Engine.Tests.Books;

public class BookSyncMachineTests
{
    /// <summary>Continuity by (first, last) ids with REST snapshots (buffering) or stream snapshots, and an optional
    /// checksum = number of bid levels + number of ask levels (enough to exercise the verify path).</summary>
    private sealed class TestRules(bool snapshotFromStream, bool useChecksum = false) : IBookSyncRules
    {
        public bool SnapshotFromStream => snapshotFromStream;

        public UpdateCheck CheckUpdate(long id, long first, long last) =>
            last <= id ? UpdateCheck.Ignore : first > id + 1 ? UpdateCheck.Gap : UpdateCheck.Apply;

        public long NextUpdateId(long id, long first, long last) => last;

        public bool IsSnapshotTooOld(long snapshotId, long firstBuffered) => snapshotId + 1 < firstBuffered;

        public bool Verify(OrderBook book, int checksum) => !useChecksum || checksum == 0 || checksum == book.Bids.Count + book.Asks.Count;
    }

    private static MarketEvent[] Message(MarketEventKind kind, long first, long last, params (Side side, long price, long qty)[] levels)
    {
        var n = Math.Max(1, levels.Length);
        var events = new MarketEvent[n];
        for (var i = 0; i < n; i++)
        {
            events[i].Kind = kind;
            events[i].InstrumentId = 1;
            events[i].FirstUpdateId = first;
            events[i].UpdateId = last;
            if (i < levels.Length)
            {
                events[i].Side = levels[i].side;
                events[i].Price = levels[i].price;
                events[i].Quantity = levels[i].qty;
            }
        }
        events[0].Flags |= EventFlags.FirstInMessage;
        events[^1].Flags |= EventFlags.LastInMessage;
        return events;
    }

    private static MarketEvent[] Diff(long first, long last, params (Side, long, long)[] levels) => Message(MarketEventKind.BookDelta, first, last, levels);

    private static MarketEvent[] Snapshot(long id, params (Side, long, long)[] levels) => Message(MarketEventKind.BookSnapshotLevel, 0, id, levels);

    [Fact]
    public void Buffers_until_snapshot_then_splices_the_straddling_diff_and_follows_the_worked_example()
    {
        // The Binance documentation's example: snapshot 160; diffs [157,160] drop, [161,163] apply, [164,164] apply, [166,170] gap.
        var machine = new BookSyncMachine(new OrderBook(1), new TestRules(snapshotFromStream: false));
        var output = new EventBatch();
        var first = machine.OnUpdate(Diff(157, 160, (Side.Buy, 10, 1)), output);
        Assert.Equal(SyncResult.Buffered, first.Result);
        Assert.Equal(SyncAction.RequestSnapshot, first.Action);
        Assert.Equal(BookSyncState.Buffering, machine.State);
        var second = machine.OnUpdate(Diff(161, 163, (Side.Buy, 11, 2)), output);
        Assert.Equal(SyncAction.None, second.Action); // asked once
        Assert.Equal(0, output.Count);

        var snap = machine.OnSnapshot(Snapshot(160, (Side.Buy, 9, 5), (Side.Sell, 20, 5)), output);
        Assert.Equal(SyncResult.Applied, snap.Result);
        Assert.Equal(BookSyncState.Live, machine.State);
        Assert.Equal(163, machine.Book.UpdateId);
        Assert.Equal(0, machine.Book.Bids.QuantityAt(10)); // the [157,160] diff was dropped
        Assert.Equal(2, machine.Book.Bids.QuantityAt(11));
        // Output: status(live) + 2 snapshot levels + the spliced diff.
        Assert.Equal(MarketEventKind.BookStatus, output[0].Kind);
        Assert.False(output[0].Has(EventFlags.Stale));
        Assert.Equal(4, output.Count);

        Assert.Equal(SyncResult.Applied, machine.OnUpdate(Diff(164, 164, (Side.Sell, 21, 1)), output).Result);
        var dup = machine.OnUpdate(Diff(164, 164, (Side.Sell, 21, 1)), output);
        Assert.Equal(RejectReason.Duplicate, dup.Reason);

        output.Clear();
        var gap = machine.OnUpdate(Diff(166, 170, (Side.Sell, 22, 1)), output);
        Assert.Equal(RejectReason.SequenceGap, gap.Reason);
        Assert.Equal(SyncAction.RequestSnapshot, gap.Action);
        Assert.Equal(BookSyncState.Stale, machine.State);
        Assert.Equal(1, machine.Resyncs);
        Assert.Equal(MarketEventKind.BookStatus, output[0].Kind);
        Assert.True(output[0].Has(EventFlags.Stale));
        Assert.False(machine.Book.IsLive);
    }

    [Fact]
    public void An_outside_stale_mark_reports_the_venue_connection_and_time_of_the_frame_that_revealed_it()
    {
        var machine = new BookSyncMachine(new OrderBook(1), new TestRules(snapshotFromStream: false));
        var output = new EventBatch();
        machine.OnUpdate(Diff(161, 163, (Side.Buy, 11, 2)), output);
        machine.OnSnapshot(Snapshot(160, (Side.Buy, 9, 5), (Side.Sell, 20, 5)), output);
        Assert.Equal(BookSyncState.Live, machine.State);
        output.Clear();
        machine.MarkStale(RejectReason.SequenceGap, output, TBot.Engine.Instruments.Venue.Okx, 3, 1_700_000_000_123_000_000);
        Assert.Equal(1, output.Count);
        Assert.Equal(MarketEventKind.BookStatus, output[0].Kind);
        Assert.True(output[0].Has(EventFlags.Stale));
        Assert.Equal(TBot.Engine.Instruments.Venue.Okx, output[0].Venue);
        Assert.Equal(3, output[0].ConnectionId);
        Assert.Equal(1_700_000_000_123_000_000, output[0].ReceiveTimeNs);
        Assert.Equal(1, output[0].InstrumentId);
    }

    [Fact]
    public void A_snapshot_older_than_the_buffer_is_refused_and_refetched()
    {
        var machine = new BookSyncMachine(new OrderBook(1), new TestRules(snapshotFromStream: false));
        var output = new EventBatch();
        machine.OnUpdate(Diff(200, 205, (Side.Buy, 10, 1)), output);
        var outcome = machine.OnSnapshot(Snapshot(150, (Side.Buy, 9, 5)), output);
        Assert.Equal(RejectReason.SnapshotTooOld, outcome.Reason);
        Assert.Equal(SyncAction.RequestSnapshot, outcome.Action);
        Assert.NotEqual(BookSyncState.Live, machine.State);
        Assert.Equal(0, output.Count);
    }

    [Fact]
    public void A_first_diff_that_does_not_straddle_the_snapshot_is_a_gap()
    {
        var machine = new BookSyncMachine(new OrderBook(1), new TestRules(snapshotFromStream: false));
        var output = new EventBatch();
        machine.OnUpdate(Diff(160, 163, (Side.Buy, 10, 1)), output);
        machine.OnUpdate(Diff(165, 170, (Side.Buy, 10, 2)), output);
        // Snapshot 163 drops the first diff; the next starts at 165 and skips 164.
        var outcome = machine.OnSnapshot(Snapshot(163, (Side.Buy, 9, 5)), output);
        Assert.Equal(RejectReason.SequenceGap, outcome.Reason);
        Assert.Equal(BookSyncState.Stale, machine.State);
    }

    [Fact]
    public void Stream_snapshot_venues_drop_updates_until_the_snapshot_and_resubscribe_on_checksum_mismatch()
    {
        var machine = new BookSyncMachine(new OrderBook(1), new TestRules(snapshotFromStream: true, useChecksum: true));
        var output = new EventBatch();
        Assert.Equal(RejectReason.BookNotLive, machine.OnUpdate(Diff(1, 2, (Side.Buy, 10, 1)), output).Reason);

        var snapshot = Snapshot(5, (Side.Buy, 10, 1), (Side.Sell, 12, 1));
        snapshot[^1].Checksum = 2;
        Assert.Equal(SyncResult.Applied, machine.OnSnapshot(snapshot, output).Result);

        var good = Diff(6, 6, (Side.Buy, 9, 1));
        good[^1].Checksum = 3;
        Assert.Equal(SyncResult.Applied, machine.OnUpdate(good, output).Result);

        // A fresh snapshot that fails its checksum takes a live book stale, and consumers are told.
        output.Clear();
        var badSnapshot = Snapshot(6, (Side.Buy, 10, 1));
        badSnapshot[^1].Checksum = 42;
        Assert.Equal(RejectReason.ChecksumMismatch, machine.OnSnapshot(badSnapshot, output).Reason);
        Assert.Equal(BookSyncState.Stale, machine.State);
        Assert.True(output[^1].Kind == MarketEventKind.BookStatus && output[^1].Has(EventFlags.Stale));
        var resnap = Snapshot(6, (Side.Buy, 10, 1), (Side.Sell, 12, 1), (Side.Buy, 9, 1));
        resnap[^1].Checksum = 3;
        Assert.Equal(SyncResult.Applied, machine.OnSnapshot(resnap, output).Result);

        var bad = Diff(7, 7, (Side.Buy, 8, 1));
        bad[^1].Checksum = 99;
        var outcome = machine.OnUpdate(bad, output);
        Assert.Equal(RejectReason.ChecksumMismatch, outcome.Reason);
        Assert.Equal(SyncAction.Resubscribe, outcome.Action);
        Assert.Equal(BookSyncState.Stale, machine.State);
    }

    [Fact]
    public void A_persistently_crossed_book_is_resynced()
    {
        var machine = new BookSyncMachine(new OrderBook(1), new TestRules(snapshotFromStream: true));
        var output = new EventBatch();
        machine.OnSnapshot(Snapshot(1, (Side.Buy, 10, 1), (Side.Sell, 12, 1)), output);
        output.Clear();
        var outcome = default(SyncOutcome);
        for (var i = 0; i < BookSyncMachine.CrossedMessagesBeforeResync; i++)
            outcome = machine.OnUpdate(Diff(2 + i, 2 + i, (Side.Buy, 13 + i, 1)), output);
        Assert.Equal(RejectReason.CrossedBook, outcome.Reason);
        Assert.Equal(SyncAction.Resubscribe, outcome.Action);
        Assert.Equal(BookSyncState.Stale, machine.State);
        // Crossed messages were never emitted; only the stale status was.
        Assert.Equal(1, output.Count);
        Assert.Equal(MarketEventKind.BookStatus, output[0].Kind);
    }

    [Fact]
    public void Buffer_overflow_restarts_the_sync()
    {
        var machine = new BookSyncMachine(new OrderBook(1), new TestRules(snapshotFromStream: false), bufferCapacity: 4);
        var output = new EventBatch();
        for (var i = 0; i < 4; i++) machine.OnUpdate(Diff(10 + i, 10 + i, (Side.Buy, 10, 1)), output);
        var outcome = machine.OnUpdate(Diff(14, 14, (Side.Buy, 10, 1)), output);
        Assert.Equal(RejectReason.BufferOverflow, outcome.Reason);
        Assert.Equal(0, machine.BufferedEvents);
        Assert.Equal(BookSyncState.Stale, machine.State);
    }

    [Fact]
    public void Live_updates_do_not_allocate()
    {
        var machine = new BookSyncMachine(new OrderBook(1, 64), new TestRules(snapshotFromStream: true));
        var output = new EventBatch(64);
        machine.OnSnapshot(Snapshot(0, (Side.Buy, 100, 1), (Side.Sell, 200, 1)), output);
        var diff = Diff(1, 1, (Side.Buy, 101, 1), (Side.Sell, 199, 2));
        for (var i = 1; i < 1000; i++)
        {
            output.Clear();
            diff[0].FirstUpdateId = diff[0].UpdateId = i;
            machine.OnUpdate(diff, output);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < 1_001_000; i++)
        {
            output.Clear();
            diff[0].FirstUpdateId = diff[0].UpdateId = i;
            diff[0].Quantity = 1 + (i & 7);
            machine.OnUpdate(diff, output);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(BookSyncState.Live, machine.State);
    }
}
