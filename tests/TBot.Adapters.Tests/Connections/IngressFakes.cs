using System.Buffers.Text;
using TBot.Adapters.Connections;
using TBot.Adapters.Ingress;
using TBot.Engine.Books;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Tests.Connections;

/// <summary>
/// A tiny allocation-free parser for ingress-loop tests. Frames: "d:U:u[:inst]" one BookDelta (bid 1.00 × 0.01)
/// covering updates U..u; "s:id[:inst]" a stream snapshot (one bid, one ask); "shutdown" a ServerShutdown
/// control frame; "bad" a MalformedJson rejection; "throw" a parser bug.
/// </summary>
internal sealed class ScriptParser(Venue venue, int defaultInstrument) : IFrameParser
{
    public Venue Venue => venue;

    public ParseResult Parse(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        if (frame.SequenceEqual("shutdown"u8)) return ParseResult.ControlFrame(ControlKind.ServerShutdown);
        if (frame.SequenceEqual("bad"u8)) return ParseResult.Reject(RejectReason.MalformedJson);
        if (frame.SequenceEqual("throw"u8)) throw new InvalidOperationException("parser bug");
        if (frame.Length < 3 || frame[1] != (byte)':') return ParseResult.Reject(RejectReason.UnknownMessage);
        var rest = frame[2..];
        var a = Next(ref rest);
        if (frame[0] == (byte)'d')
        {
            var b = Next(ref rest);
            var instrument = rest.IsEmpty ? defaultInstrument : (int)Next(ref rest);
            Add(batch, venue, MarketEventKind.BookDelta, Side.Buy, instrument, a, b, 100, receiveTimeNs, EventFlags.FirstInMessage | EventFlags.LastInMessage);
            return ParseResult.Data();
        }
        if (frame[0] == (byte)'s')
        {
            var instrument = rest.IsEmpty ? defaultInstrument : (int)Next(ref rest);
            Add(batch, venue, MarketEventKind.BookSnapshotLevel, Side.Buy, instrument, 0, a, 100, receiveTimeNs, EventFlags.FirstInMessage);
            Add(batch, venue, MarketEventKind.BookSnapshotLevel, Side.Sell, instrument, 0, a, 101, receiveTimeNs, EventFlags.LastInMessage);
            return ParseResult.Data();
        }
        return ParseResult.Reject(RejectReason.UnknownMessage);
    }

    internal static void Add(EventBatch batch, Venue venue, MarketEventKind kind, Side side, int instrument, long first, long last, long price, long receiveTimeNs, EventFlags flags)
    {
        ref var e = ref batch.Add();
        e.Kind = kind;
        e.Venue = venue;
        e.Side = side;
        e.InstrumentId = instrument;
        e.FirstUpdateId = first;
        e.UpdateId = last;
        e.Price = price;
        e.Quantity = 1;
        e.PriceDecimals = 2;
        e.QuantityDecimals = 2;
        e.ReceiveTimeNs = receiveTimeNs;
        e.Flags = flags;
    }

    private static long Next(ref ReadOnlySpan<byte> text)
    {
        Utf8Parser.TryParse(text, out long value, out var consumed);
        text = consumed < text.Length ? text[(consumed + 1)..] : default;
        return value;
    }
}

/// <summary>REST snapshot bodies "snap:id" → one bid and one ask level with UpdateId id; anything else is rejected.</summary>
internal sealed class ScriptRestHandler(Venue venue) : IRestFrameHandler
{
    public Venue Venue => venue;

    public ParseResult ParseSnapshot(int instrumentId, ReadOnlySpan<byte> body, long receiveTimeNs, EventBatch batch)
    {
        if (!body.StartsWith("snap:"u8) || !Utf8Parser.TryParse(body[5..], out long id, out _)) return ParseResult.Reject(RejectReason.MalformedJson);
        ScriptParser.Add(batch, venue, MarketEventKind.BookSnapshotLevel, Side.Buy, instrumentId, 0, id, 100, receiveTimeNs, EventFlags.FirstInMessage);
        ScriptParser.Add(batch, venue, MarketEventKind.BookSnapshotLevel, Side.Sell, instrumentId, 0, id, 101, receiveTimeNs, EventFlags.LastInMessage);
        return ParseResult.Data();
    }
}

/// <summary>Binance-style continuity (u ≤ id stale, U > id + 1 gap); snapshots from REST or from the stream.</summary>
internal sealed class TestBookRules(bool snapshotFromStream) : IBookSyncRules
{
    public bool SnapshotFromStream => snapshotFromStream;

    public UpdateCheck CheckUpdate(long bookUpdateId, long firstId, long lastId) =>
        lastId <= bookUpdateId ? UpdateCheck.Ignore : firstId > bookUpdateId + 1 ? UpdateCheck.Gap : UpdateCheck.Apply;

    public long NextUpdateId(long bookUpdateId, long firstId, long lastId) => lastId;

    public bool IsSnapshotTooOld(long snapshotId, long firstBufferedFirstId) => snapshotId + 1 < firstBufferedFirstId;

    public bool Verify(OrderBook book, int checksum) => true;
}

internal sealed class RecordingControl(Venue venue, int connectionId) : IConnectionControl
{
    public List<ConnectionRequest> Requests { get; } = new(4096); // pre-sized: allocation tests count the loop, not this fake

    public Venue Venue => venue;

    public int ConnectionId => connectionId;

    public bool Post(ConnectionRequest request)
    {
        lock (Requests) Requests.Add(request);
        return true;
    }
}

internal sealed class RecordingRequester(Venue venue) : ISnapshotRequester
{
    public List<(int Instrument, int Connection, int Epoch)> Requests { get; } = [];

    public Venue Venue => venue;

    public bool Request(int instrumentId, int connectionId, int epoch)
    {
        lock (Requests) Requests.Add((instrumentId, connectionId, epoch));
        return true;
    }
}
