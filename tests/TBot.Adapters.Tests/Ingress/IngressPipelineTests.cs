using System.Text;
using TBot.Adapters.Coinbase;
using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Books;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Tests.Ingress;

public class IngressPipelineTests
{
    private const long Now = 1_597_026_383_185L * 1_000_000;

    private sealed class ListSink : IEventSink
    {
        public List<MarketEvent> Events { get; } = [];

        public void Publish(ReadOnlySpan<MarketEvent> events)
        {
            foreach (var e in events) Events.Add(e);
        }
    }

    private static (IngressPipeline Pipeline, ListSink Sink, Instrument Instrument) Okx()
    {
        var registry = new InstrumentRegistry();
        var btc = registry.Add(Venue.Okx, "BTC-USDT", 1, 0);
        var sink = new ListSink();
        var pipeline = new IngressPipeline(registry, new ValidationOptions(), sink);
        pipeline.AddParser(new OkxWsParser(registry));
        pipeline.AddBook(btc, new OkxBookRules(btc));
        return (pipeline, sink, btc);
    }

    private static int OkxChecksum((long price, long qty)[] bids, (long price, long qty)[] asks)
    {
        static BookLevel[] Levels((long price, long qty)[] l) =>
            l.Select(x => new BookLevel { Price = x.price, Quantity = x.qty, PriceDecimals = 1, QuantityDecimals = 0 }).ToArray();
        return OkxBookChecksum.Compute(Levels(bids), Levels(asks), 1, 0);
    }

    private static byte[] OkxBooks(string action, long prev, long seq, string asks, string bids, int checksum) => Encoding.UTF8.GetBytes(
        $"{{\"arg\":{{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}},\"action\":\"{action}\",\"data\":[{{\"asks\":[{asks}],\"bids\":[{bids}],\"ts\":\"1597026383185\",\"checksum\":{checksum},\"prevSeqId\":{prev},\"seqId\":{seq}}}]}}");

    [Fact]
    public void Okx_book_goes_live_on_a_verified_snapshot_and_resubscribes_on_checksum_mismatch()
    {
        var (pipeline, sink, btc) = Okx();
        var snapChecksum = OkxChecksum([(84760, 2), (84750, 1)], [(84770, 3)]);
        pipeline.ProcessFrame(Venue.Okx, 1, OkxBooks("snapshot", -1, 10, "[\"8477.0\",\"3\",\"0\",\"1\"]",
            "[\"8476.0\",\"2\",\"0\",\"1\"],[\"8475.0\",\"1\",\"0\",\"1\"]", snapChecksum), Now);
        var book = pipeline.Book(btc.Id)!;
        Assert.Equal(BookSyncState.Live, book.State);

        var updChecksum = OkxChecksum([(84760, 5), (84750, 1)], [(84770, 3)]);
        pipeline.ProcessFrame(Venue.Okx, 1, OkxBooks("update", 10, 15, "", "[\"8476.0\",\"5\",\"0\",\"1\"]", updChecksum), Now);
        Assert.Equal(BookSyncState.Live, book.State);
        Assert.Equal(5, book.Book.Bids.QuantityAt(84760));

        pipeline.ProcessFrame(Venue.Okx, 1, OkxBooks("update", 15, 16, "", "[\"8476.0\",\"6\",\"0\",\"1\"]", 12345), Now);
        Assert.Equal(BookSyncState.Stale, book.State);
        Assert.Equal(1, pipeline.Rejects.Get(Venue.Okx, RejectReason.ChecksumMismatch));
        Assert.Equal(1, pipeline.Stats[(int)Venue.Okx].Resyncs);
        Assert.Contains(pipeline.Actions, a => a.Kind == PendingActionKind.Resubscribe && a.InstrumentId == btc.Id);
        Assert.Contains(sink.Events, e => e.Kind == MarketEventKind.BookStatus && e.Has(EventFlags.Stale));
    }

    [Fact]
    public void Okx_sequence_gap_is_counted_and_resubscribes()
    {
        var (pipeline, _, btc) = Okx();
        pipeline.ProcessFrame(Venue.Okx, 1, OkxBooks("snapshot", -1, 10, "[\"8477.0\",\"3\",\"0\",\"1\"]", "[\"8476.0\",\"2\",\"0\",\"1\"]", 0), Now);
        pipeline.ProcessFrame(Venue.Okx, 1, OkxBooks("update", 11, 12, "", "[\"8476.0\",\"5\",\"0\",\"1\"]", 0), Now);
        Assert.Equal(1, pipeline.Rejects.Get(Venue.Okx, RejectReason.SequenceGap));
        Assert.Equal(BookSyncState.Stale, pipeline.Book(btc.Id)!.State);
        // Updates are dropped until a new snapshot arrives.
        pipeline.ProcessFrame(Venue.Okx, 1, OkxBooks("update", 12, 13, "", "[\"8476.0\",\"5\",\"0\",\"1\"]", 0), Now);
        Assert.Equal(1, pipeline.Rejects.Get(Venue.Okx, RejectReason.BookNotLive));
        pipeline.ProcessFrame(Venue.Okx, 1, OkxBooks("snapshot", -1, 20, "[\"8477.0\",\"3\",\"0\",\"1\"]", "[\"8476.0\",\"2\",\"0\",\"1\"]", 0), Now);
        Assert.Equal(BookSyncState.Live, pipeline.Book(btc.Id)!.State);
    }

    [Fact]
    public void Malformed_and_unknown_frames_are_counted_not_fatal_and_a_flood_asks_for_reconnect()
    {
        var (pipeline, _, _) = Okx();
        for (var i = 0; i < 60; i++) pipeline.ProcessFrame(Venue.Okx, 3, "{\"arg\":{\"channel\":\"books\""u8.ToArray(), Now + i);
        Assert.Equal(60, pipeline.Rejects.Get(Venue.Okx, RejectReason.MalformedJson));
        Assert.Contains(pipeline.Actions, a => a.Kind == PendingActionKind.Reconnect && a.ConnectionId == 3);
    }

    [Fact]
    public void Coinbase_connection_sequence_gap_marks_the_connections_books_stale()
    {
        var registry = new InstrumentRegistry();
        var btc = registry.Add(Venue.Coinbase, "BTC-USD", 2, 8);
        var sink = new ListSink();
        var pipeline = new IngressPipeline(registry, new ValidationOptions { StalenessLimitMs = int.MaxValue }, sink);
        pipeline.AddParser(new CoinbaseAdvancedTradeParser(registry));
        pipeline.AddBook(btc, CoinbaseBookRules.Instance);

        static byte[] L2(long seq, string type, string side, string price, string qty) => Encoding.UTF8.GetBytes(
            $"{{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2023-02-09T20:32:50.714964855Z\",\"sequence_num\":{seq},\"events\":[{{\"type\":\"{type}\",\"product_id\":\"BTC-USD\",\"updates\":[{{\"side\":\"{side}\",\"event_time\":\"2023-02-09T20:32:50.714964855Z\",\"price_level\":\"{price}\",\"new_quantity\":\"{qty}\"}}]}}]}}");

        var t = 1_675_974_770_714_964_855L;
        pipeline.ProcessFrame(Venue.Coinbase, 1, L2(0, "snapshot", "bid", "21921.73", "0.06317902"), t);
        pipeline.ProcessFrame(Venue.Coinbase, 1, L2(1, "update", "offer", "21922.00", "1.5"), t);
        Assert.Equal(BookSyncState.Live, pipeline.Book(btc.Id)!.State);
        pipeline.ProcessFrame(Venue.Coinbase, 1, L2(5, "update", "offer", "21923.00", "1.5"), t);
        Assert.Equal(1, pipeline.Rejects.Get(Venue.Coinbase, RejectReason.SequenceGap));
        Assert.Equal(BookSyncState.Stale, pipeline.Book(btc.Id)!.State);
        Assert.Contains(pipeline.Actions, a => a.Kind == PendingActionKind.Resubscribe);
    }

    [Fact]
    public void Processing_frames_does_not_allocate()
    {
        var registry = new InstrumentRegistry();
        var btc = registry.Add(Venue.Okx, "BTC-USDT", 1, 0);
        var sink = new CountingEventSink();
        var pipeline = new IngressPipeline(registry, new ValidationOptions(), sink);
        pipeline.AddParser(new OkxWsParser(registry));
        pipeline.AddBook(btc, new OkxBookRules(btc));
        var snapshot = OkxBooks("snapshot", -1, 10, "[\"8477.0\",\"3\",\"0\",\"1\"]", "[\"8476.0\",\"2\",\"0\",\"1\"]", 0);
        pipeline.ProcessFrame(Venue.Okx, 1, snapshot, Now);
        var frames = new byte[200][];
        for (var i = 0; i < frames.Length; i++)
            frames[i] = OkxBooks("update", 10 + i, 11 + i, "", $"[\"8476.0\",\"{2 + (i % 5)}\",\"0\",\"1\"]", 0);
        var keepAlive = OkxBooks("update", 10 + frames.Length, 10 + frames.Length, "", "", 0);
        foreach (var f in frames) pipeline.ProcessFrame(Venue.Okx, 1, f, Now);
        pipeline.Actions.Clear();
        // Best of three: this project's tests run in parallel, and a GC triggered by another test while this thread
        // is measured has been seen to shift its counter (once in many CI runs, 49 KB). A real allocation on the
        // path shows in every trial.
        var least = long.MaxValue;
        for (var trial = 0; trial < 3 && least != 0; trial++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100_000; i++) pipeline.ProcessFrame(Venue.Okx, 1, keepAlive, Now);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
        Assert.Equal(0, pipeline.Stats[(int)Venue.Okx].Rejected);
        Assert.True(sink.Events >= 100_000);
    }
}
