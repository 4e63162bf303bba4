using TBot.Engine.Instruments;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Engine.Books;

/// <summary>
/// Keeps one <see cref="OrderBook"/> in sync with a venue: awaiting snapshot → buffering → live → stale,
/// with the venue's splice rules plugged in. Messages are spans of events of one instrument (all levels of
/// one exchange message). Accepted events are appended to an output batch in the order consumers must see
/// them (snapshot levels, then the buffered updates that follow it), bracketed by a
/// <see cref="MarketEventKind.BookStatus"/> event whenever the book goes live or stale.
/// Single-threaded (the ingress thread); allocation-free after construction.
/// </summary>
public sealed class BookSyncMachine
{
    /// <summary>Consecutive crossed messages tolerated before the book is declared out of sync.</summary>
    public const int CrossedMessagesBeforeResync = 3;

    private readonly IBookSyncRules _rules;
    private readonly MarketEvent[] _buffer;
    private int _buffered;
    private int _crossedMessages;
    private bool _snapshotRequested;

    public BookSyncMachine(OrderBook book, IBookSyncRules rules, int bufferCapacity = 8192)
    {
        Book = book;
        _rules = rules;
        _buffer = new MarketEvent[bufferCapacity];
        book.State = BookSyncState.AwaitingSnapshot;
    }

    public OrderBook Book { get; }

    public BookSyncState State => Book.State;

    /// <summary>Desyncs detected (gaps, checksum mismatches, overflows, persistent crosses, external marks).</summary>
    public long Resyncs { get; private set; }

    /// <summary>Events currently buffered awaiting a snapshot.</summary>
    public int BufferedEvents => _buffered;

    /// <summary>Apply a full snapshot (all levels of one message; may be empty).</summary>
    public SyncOutcome OnSnapshot(ReadOnlySpan<MarketEvent> levels, EventBatch output)
    {
        if (levels.IsEmpty) return SyncOutcome.Dropped(RejectReason.MissingField);
        var snapshotId = levels[0].UpdateId;
        if (!_rules.SnapshotFromStream && _buffered > 0 && _rules.IsSnapshotTooOld(snapshotId, _buffer[0].FirstUpdateId))
        {
            // Binance step 4: the snapshot predates the buffered stream; fetch another.
            _snapshotRequested = true;
            return SyncOutcome.Dropped(RejectReason.SnapshotTooOld, SyncAction.RequestSnapshot);
        }

        var book = Book;
        book.Clear();
        for (var i = 0; i < levels.Length; i++)
        {
            ref readonly var e = ref levels[i];
            if (e.Side != Side.None) book.SideOf(e.Side == Side.Buy).Set(e.Price, e.Quantity, e.PriceDecimals, e.QuantityDecimals);
        }
        book.UpdateId = snapshotId;
        _snapshotRequested = false;
        _crossedMessages = 0;

        if (!_rules.Verify(book, levels[^1].Checksum)) return Desync(RejectReason.ChecksumMismatch, levels[0], output);

        var wasLive = book.State == BookSyncState.Live;
        if (!wasLive) book.State = BookSyncState.Live;
        if (!wasLive) AppendStatus(levels[0], stale: false, output);
        output.AddRange(levels);

        // Splice what was buffered while we waited.
        var buffered = _buffered;
        _buffered = 0;
        var start = 0;
        while (start < buffered)
        {
            var end = start + 1;
            while (end < buffered && !_buffer[end - 1].Has(EventFlags.LastInMessage)) end++;
            var outcome = ApplyUpdate(_buffer.AsSpan(start, end - start), output);
            if (outcome.Result == SyncResult.Dropped && outcome.Action != SyncAction.None) return outcome;
            start = end;
        }
        return SyncOutcome.Applied;
    }

    /// <summary>Apply (or buffer, or drop) one incremental update message.</summary>
    public SyncOutcome OnUpdate(ReadOnlySpan<MarketEvent> message, EventBatch output)
    {
        if (message.IsEmpty) return SyncOutcome.Dropped(RejectReason.MissingField);
        switch (Book.State)
        {
            case BookSyncState.Live:
                return ApplyUpdate(message, output);
            default:
                if (_rules.SnapshotFromStream) return SyncOutcome.Dropped(RejectReason.BookNotLive);
                return Buffer(message);
        }
    }

    /// <summary>Declare the book out of sync from outside (connection-level gap, disconnect). The status event
    /// carries the venue, connection and time of the frame that revealed it (consumers run on engine time).</summary>
    public SyncAction MarkStale(RejectReason reason, EventBatch output, Venue venue, int connectionId, long receiveTimeNs)
    {
        var template = default(MarketEvent);
        template.InstrumentId = Book.InstrumentId;
        template.Venue = venue;
        template.ConnectionId = (ushort)connectionId;
        template.ReceiveTimeNs = receiveTimeNs;
        return Desync(reason, template, output).Action;
    }

    private SyncOutcome ApplyUpdate(ReadOnlySpan<MarketEvent> message, EventBatch output)
    {
        var book = Book;
        ref readonly var head = ref message[0];
        switch (_rules.CheckUpdate(book.UpdateId, head.FirstUpdateId, head.UpdateId))
        {
            case UpdateCheck.Ignore:
                return SyncOutcome.Dropped(RejectReason.Duplicate);
            case UpdateCheck.Gap:
                return Desync(RejectReason.SequenceGap, head, output);
        }

        for (var i = 0; i < message.Length; i++)
        {
            ref readonly var e = ref message[i];
            if (e.Side != Side.None) book.SideOf(e.Side == Side.Buy).Set(e.Price, e.Quantity, e.PriceDecimals, e.QuantityDecimals);
        }
        book.UpdateId = _rules.NextUpdateId(book.UpdateId, head.FirstUpdateId, head.UpdateId);

        if (!_rules.Verify(book, message[^1].Checksum)) return Desync(RejectReason.ChecksumMismatch, head, output);

        if (book.IsCrossed)
        {
            // Applied (the book must follow the stream) but not emitted; persistent crossing means we lost sync.
            if (++_crossedMessages >= CrossedMessagesBeforeResync) return Desync(RejectReason.CrossedBook, head, output);
            return SyncOutcome.Dropped(RejectReason.CrossedBook);
        }
        _crossedMessages = 0;
        output.AddRange(message);
        return SyncOutcome.Applied;
    }

    private SyncOutcome Buffer(ReadOnlySpan<MarketEvent> message)
    {
        if (_buffered + message.Length > _buffer.Length)
        {
            // Too much arrived before the snapshot: start over rather than grow without bound.
            _buffered = 0;
            Resyncs++;
            Book.State = BookSyncState.Stale;
            _snapshotRequested = true;
            return SyncOutcome.Dropped(RejectReason.BufferOverflow, SyncAction.RequestSnapshot);
        }
        message.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += message.Length;
        if (Book.State == BookSyncState.AwaitingSnapshot) Book.State = BookSyncState.Buffering;
        if (_snapshotRequested) return SyncOutcome.Buffered;
        _snapshotRequested = true;
        return new SyncOutcome(SyncResult.Buffered, RejectReason.None, SyncAction.RequestSnapshot);
    }

    private SyncOutcome Desync(RejectReason reason, in MarketEvent head, EventBatch output)
    {
        var book = Book;
        var wasLive = book.State == BookSyncState.Live;
        book.Clear();
        book.State = BookSyncState.Stale;
        _buffered = 0;
        _crossedMessages = 0;
        _snapshotRequested = true;
        Resyncs++;
        if (wasLive) AppendStatus(head, stale: true, output);
        return SyncOutcome.Dropped(reason, _rules.SnapshotFromStream ? SyncAction.Resubscribe : SyncAction.RequestSnapshot);
    }

    private void AppendStatus(in MarketEvent template, bool stale, EventBatch output)
    {
        ref var s = ref output.Add();
        s.Kind = MarketEventKind.BookStatus;
        s.Venue = template.Venue;
        s.InstrumentId = Book.InstrumentId;
        s.ConnectionId = template.ConnectionId;
        s.ReceiveTimeNs = template.ReceiveTimeNs;
        s.ExchangeTimeNs = template.ExchangeTimeNs;
        s.UpdateId = Book.UpdateId;
        s.Flags = (stale ? EventFlags.Stale : EventFlags.None) | EventFlags.FirstInMessage | EventFlags.LastInMessage;
    }
}
