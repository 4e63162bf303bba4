using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Engine.Books;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Ingress;

/// <summary>
/// The ingress thread's work for every frame: parse (schema) → validate (business rules, consistency,
/// duplicates) → book sync (continuity, checksums, snapshot splicing) → publish accepted events to the sink.
/// Rejections are counted by venue and reason and logged rate-limited; desyncs and floods of bad input
/// become <see cref="PendingAction"/>s for the connection layer. One instance per ingress thread;
/// allocation-free per frame after warm-up.
/// </summary>
public sealed class IngressPipeline
{
    private readonly InstrumentRegistry _instruments;
    private readonly MarketDataValidator _validator;
    private readonly IEventSink _sink;
    private readonly RejectLog _rejectLog;
    private readonly IFrameParser?[] _parsers = new IFrameParser?[4];
    private readonly BookSyncMachine?[] _books;
    // Which connection last fed each book (0 = none yet): a disconnect resyncs only that connection's books.
    private readonly int[] _bookConnection;
    private readonly EventBatch _parsed = new();
    private readonly EventBatch _accepted = new();
    private readonly EventBatch _bookOut = new();
    private readonly ConnectionHealth _health;
    private readonly List<PendingAction> _actions = new(64);

    public IngressPipeline(InstrumentRegistry instruments, ValidationOptions options, IEventSink sink, ILogger? logger = null)
    {
        _instruments = instruments;
        _validator = new MarketDataValidator(instruments, options);
        _sink = sink;
        _rejectLog = new RejectLog(logger ?? NullLogger.Instance);
        _books = new BookSyncMachine?[instruments.Count + 1];
        _bookConnection = new int[instruments.Count + 1];
        _health = new ConnectionHealth(options.ReconnectThreshold, options.ReconnectWindowMs);
        for (var i = 0; i < Stats.Length; i++) Stats[i] = new VenueStats();
    }

    public RejectCounters Rejects { get; } = new();

    /// <summary>Counters per venue, indexed by <see cref="Venue"/>.</summary>
    public VenueStats[] Stats { get; } = new VenueStats[4];

    public MarketDataValidator Validator => _validator;

    /// <summary>Actions raised by the frames processed so far; the caller drains them (<see cref="List{T}.Clear"/>).</summary>
    public List<PendingAction> Actions => _actions;

    /// <summary>Use <paramref name="parser"/> for frames of its venue.</summary>
    public void AddParser(IFrameParser parser) => _parsers[(int)parser.Venue] = parser;

    /// <summary>Keep a local book for <paramref name="instrument"/> with the venue's sync rules.</summary>
    public BookSyncMachine AddBook(Instrument instrument, IBookSyncRules rules, int capacityPerSide = 256)
    {
        var machine = new BookSyncMachine(new OrderBook(instrument.Id, capacityPerSide), rules);
        _books[instrument.Id] = machine;
        return machine;
    }

    public BookSyncMachine? Book(int instrumentId) => (uint)instrumentId < (uint)_books.Length ? _books[instrumentId] : null;

    /// <summary>Process one stream frame from connection <paramref name="connectionId"/> of <paramref name="venue"/>.</summary>
    public ParseResult ProcessFrame(Venue venue, int connectionId, ReadOnlySpan<byte> frame, long receiveTimeNs)
    {
        var stats = Stats[(int)venue];
        stats.AddFrame();
        var parser = _parsers[(int)venue];
        if (parser is null) throw new InvalidOperationException($"No parser registered for {venue}.");
        _parsed.Clear();
        var result = parser.Parse(frame, receiveTimeNs, _parsed);

        if (result.ConnectionSequence != ParseResult.NoSequence && !_health.CheckSequence(venue, connectionId, result.ConnectionSequence))
        {
            // Per-connection sequence broken (Coinbase Advanced Trade): any channel may have lost a message.
            Reject(venue, connectionId, RejectReason.SequenceGap, frame, receiveTimeNs);
            MarkConnectionStale(venue, connectionId, RejectReason.SequenceGap, receiveTimeNs);
        }

        switch (result.Kind)
        {
            case FrameKind.Control:
                stats.AddControl();
                if (result.Control == ControlKind.ServerShutdown) _actions.Add(new PendingAction(venue, connectionId, 0, PendingActionKind.Reconnect));
                return result;
            case FrameKind.Rejected:
                Reject(venue, connectionId, result.Reason, frame, receiveTimeNs);
                // Coinbase books have no per-book continuity to reveal a lost update later, so a rejected data
                // frame (which may have been a book update) must resync the connection's books now.
                if (venue == Venue.Coinbase && result.Reason is not (RejectReason.UnknownMessage or RejectReason.VenueError
                        or RejectReason.UnknownInstrument or RejectReason.Duplicate))
                    MarkConnectionStale(venue, connectionId, result.Reason, receiveTimeNs);
                return result;
        }

        var events = _parsed.AsSpan();
        for (var i = 0; i < events.Length; i++) events[i].ConnectionId = (ushort)connectionId;
        ProcessEvents(venue, connectionId, events, frame, receiveTimeNs, isSnapshotResponse: false);
        return result;
    }

    /// <summary>Process events parsed from a REST response (e.g. a depth snapshot) for <paramref name="venue"/>.</summary>
    public void ProcessRest(Venue venue, int connectionId, ReadOnlySpan<MarketEvent> events, ReadOnlySpan<byte> body, long receiveTimeNs)
    {
        Stats[(int)venue].AddFrame();
        // Copy: the book machine and the sink read while we write into other batches.
        _parsed.Clear();
        _parsed.AddRange(events);
        var span = _parsed.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            span[i].ConnectionId = (ushort)connectionId;
            span[i].Flags |= EventFlags.FromRest;
        }
        ProcessEvents(venue, connectionId, span, body, receiveTimeNs, isSnapshotResponse: true);
    }

    /// <summary>Count a frame that could not even be handed to a parser (e.g. a REST error status).</summary>
    public void CountReject(Venue venue, int connectionId, RejectReason reason, ReadOnlySpan<byte> excerpt, long receiveTimeNs) =>
        Reject(venue, connectionId, reason, excerpt, receiveTimeNs);

    /// <summary>Forget a connection's sequence and reject window (call when it reconnects).</summary>
    public void ResetConnection(Venue venue, int connectionId) => _health.Reset(venue, connectionId);

    /// <summary>Declare every book fed by a connection out of sync (disconnect, connection-level gap).</summary>
    public void MarkConnectionStale(Venue venue, int connectionId, RejectReason reason, long receiveTimeNs)
    {
        _accepted.Clear();
        for (var id = 1; id < _books.Length; id++)
        {
            var machine = _books[id];
            if (machine is null || _instruments[id].Venue != venue) continue;
            if (_bookConnection[id] != 0 && _bookConnection[id] != connectionId) continue;
            if (machine.State == BookSyncState.Stale) continue;
            var action = machine.MarkStale(reason, _accepted, venue, connectionId, receiveTimeNs);
            Stats[(int)venue].AddResync();
            _actions.Add(new PendingAction(venue, connectionId, id, PendingActionKinds.From(action)));
        }
        if (_accepted.Count > 0) _sink.Publish(_accepted.AsSpan());
    }

    private void ProcessEvents(Venue venue, int connectionId, Span<MarketEvent> events, ReadOnlySpan<byte> frame, long receiveTimeNs, bool isSnapshotResponse)
    {
        _accepted.Clear();
        var start = 0;
        while (start < events.Length)
        {
            var end = MessageEnd(events, start);
            var message = events[start..end];
            start = end;
            ref var head = ref message[0];
            var isBook = head.Kind is MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel;
            if (!isBook)
            {
                var reason = _validator.Validate(ref head);
                if (reason == RejectReason.None) _accepted.AddRange(message[..1]);
                else Reject(venue, connectionId, reason, frame, receiveTimeNs);
                // Non-book messages are single events; anything else in the span is treated the same way.
                for (var i = 1; i < message.Length; i++)
                {
                    reason = _validator.Validate(ref message[i]);
                    if (reason == RejectReason.None) _accepted.AddRange(message.Slice(i, 1));
                    else Reject(venue, connectionId, reason, frame, receiveTimeNs);
                }
                continue;
            }
            ProcessBookMessage(venue, connectionId, message, frame, receiveTimeNs, isSnapshotResponse);
        }
        if (_accepted.Count > 0)
        {
            Stats[(int)venue].AddAccepted(_accepted.Count);
            _sink.Publish(_accepted.AsSpan());
        }
    }

    private void ProcessBookMessage(Venue venue, int connectionId, Span<MarketEvent> message, ReadOnlySpan<byte> frame, long receiveTimeNs, bool isSnapshot)
    {
        ref var head = ref message[0];
        var machine = Book(head.InstrumentId);
        if (machine is not null && connectionId != 0) _bookConnection[head.InstrumentId] = connectionId;
        // A bad level poisons the whole message: applying the rest would leave the book wrong, so it is resynced.
        for (var i = 0; i < message.Length; i++)
        {
            var reason = _validator.Validate(ref message[i]);
            if (reason == RejectReason.None) continue;
            Reject(venue, connectionId, reason, frame, receiveTimeNs);
            if (machine is not null && machine.State == BookSyncState.Live)
            {
                var action = machine.MarkStale(reason, _accepted, venue, connectionId, receiveTimeNs);
                Stats[(int)venue].AddResync();
                _actions.Add(new PendingAction(venue, connectionId, head.InstrumentId, PendingActionKinds.From(action)));
            }
            return;
        }
        if (machine is null)
        {
            // No book kept for this instrument: pass levels through validated but unsynchronised.
            _accepted.AddRange(message);
            return;
        }

        _bookOut.Clear();
        var outcome = isSnapshot || head.Kind == MarketEventKind.BookSnapshotLevel
            ? machine.OnSnapshot(message, _bookOut)
            : machine.OnUpdate(message, _bookOut);
        if (_bookOut.Count > 0) _accepted.AddRange(_bookOut.AsSpan());
        if (outcome.Result == SyncResult.Dropped && outcome.Reason != RejectReason.None)
        {
            Reject(venue, connectionId, outcome.Reason, frame, receiveTimeNs);
            // A desync is a lost integrity of the stream; overflowing the wait for a snapshot is not (it is counted by reason).
            if (outcome.Reason is RejectReason.SequenceGap or RejectReason.ChecksumMismatch
                || outcome.Reason == RejectReason.CrossedBook && outcome.Action != SyncAction.None)
                Stats[(int)venue].AddResync();
        }
        if (outcome.Action != SyncAction.None)
            _actions.Add(new PendingAction(venue, connectionId, head.InstrumentId, PendingActionKinds.From(outcome.Action)));
    }

    /// <summary>End (exclusive) of the message starting at <paramref name="start"/>: book levels run to the
    /// LastInMessage flag; every other event is a message of its own.</summary>
    private static int MessageEnd(Span<MarketEvent> events, int start)
    {
        var kind = events[start].Kind;
        if (kind is not (MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel)) return start + 1;
        var i = start;
        while (i < events.Length - 1 && !events[i].Has(EventFlags.LastInMessage)) i++;
        return i + 1;
    }

    private void Reject(Venue venue, int connectionId, RejectReason reason, ReadOnlySpan<byte> frame, long receiveTimeNs)
    {
        Rejects.Increment(venue, reason);
        Stats[(int)venue].AddRejected();
        _rejectLog.Report(venue, reason, frame, receiveTimeNs);
        // Duplicates and not-yet-live books are normal around reconnects; they do not count towards a reconnect.
        if (reason is RejectReason.Duplicate or RejectReason.BookNotLive or RejectReason.UnknownMessage) return;
        if (_health.RecordReject(venue, connectionId, receiveTimeNs))
            _actions.Add(new PendingAction(venue, connectionId, 0, PendingActionKind.Reconnect));
    }
}
