using System.Text;
using System.Text.Json;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Binance;

/// <summary>
/// Parses Binance spot market-stream frames, raw (<c>/ws/&lt;name&gt;</c>) or wrapped in the combined-stream
/// envelope <c>{"stream":"…","data":{…}}</c> (keys in any order). Handles bookTicker, trade, aggTrade,
/// depthUpdate, partial depth (depth5/10/20) and 24hrTicker payloads, plus the control frames that share
/// the socket: subscription acks (<c>result</c>), error frames (<c>code</c>) and <c>serverShutdown</c>.
/// Allocation-free per frame. One instance per connection, used by one thread.
/// </summary>
public sealed class BinanceStreamParser : IFrameParser
{
    private readonly InstrumentRegistry _registry;
    private readonly ushort _connectionId;
    private readonly byte[] _rawStreamName;

    /// <param name="registry">Instruments to resolve symbols against (exact upper-case "s", or the lower-case stream name).</param>
    /// <param name="connectionId">Stamped on every event, for per-connection resync.</param>
    /// <param name="rawStreamName">
    /// For a raw <c>/ws/&lt;name&gt;</c> connection, its stream name (e.g. "btcusdt@depth5"): partial depth
    /// payloads carry no symbol and no "e", so without an envelope only the connection knows them.
    /// </param>
    public BinanceStreamParser(InstrumentRegistry registry, ushort connectionId = 0, string? rawStreamName = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _connectionId = connectionId;
        _rawStreamName = rawStreamName is null ? [] : Encoding.UTF8.GetBytes(rawStreamName);
    }

    public Venue Venue => Venue.Binance;

    public ParseResult Parse(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = ParseFrame(frame, receiveTimeNs, batch);
        }
        catch (JsonException)
        {
            // Utf8JsonReader throws on invalid or truncated JSON; that is the only exception path.
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        if (result.Kind != FrameKind.Data) batch.RemoveLast(batch.Count - start);
        return result;
    }

    private ParseResult ParseFrame(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        // scoped: the reader and the stack-allocated slot table must share one lifetime.
        scoped var reader = new Utf8JsonReader(frame);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var wasArray = reader.TokenType == JsonTokenType.StartArray;
            reader.Skip();
            if (reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
            // Arrays are market-wide "@arr" streams we do not subscribe to.
            return ParseResult.Reject(wasArray ? RejectReason.UnknownMessage : RejectReason.WrongType);
        }

        Span<JsonSlot> slots = stackalloc JsonSlot[(int)BinanceKey.Count];
        var fields = new BinanceFields(frame, slots);
        // One pass over the whole frame: it validates the JSON, and the members of a combined-stream "data"
        // object land in the same table as the envelope's "stream" (whichever order they come in).
        if (!fields.Scan(ref reader, flattenData: true)) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);

        // Not every text frame is market data: route on the control keys first.
        if (fields.Has(BinanceKey.Result)) return ParseResult.ControlFrame(ControlKind.SubscriptionAck);
        if (fields.Has(BinanceKey.Code) && !fields.Has(BinanceKey.LowerE) && !fields.Has(BinanceKey.Data))
        {
            return new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence);
        }

        Span<byte> streamScratch = stackalloc byte[BinanceFields.MaxEscapedLength];
        scoped ReadOnlySpan<byte> streamSymbol = default;
        var streamType = BinanceMessageType.Unknown;
        RejectReason r;
        if (fields.Has(BinanceKey.Data))
        {
            var dataType = fields.TypeOf(BinanceKey.Data);
            if (dataType != JsonTokenType.StartObject)
            {
                return ParseResult.Reject(dataType == JsonTokenType.StartArray ? RejectReason.UnknownMessage : RejectReason.WrongType);
            }
            if (fields.Has(BinanceKey.Stream))
            {
                if ((r = fields.GetString(BinanceKey.Stream, streamScratch, out var streamName)) != RejectReason.None) return ParseResult.Reject(r);
                streamType = BinanceMessageTypes.FromStreamName(streamName, out streamSymbol);
            }
        }
        else if (_rawStreamName.Length > 0)
        {
            streamType = BinanceMessageTypes.FromStreamName(_rawStreamName, out streamSymbol);
        }

        Span<byte> scratch = stackalloc byte[BinanceFields.MaxEscapedLength];
        var type = ClassifyPayload(fields, streamType, scratch, out r);
        if (r != RejectReason.None) return ParseResult.Reject(r);
        if (type == BinanceMessageType.ServerShutdown) return ParseResult.ControlFrame(ControlKind.ServerShutdown);
        if (type == BinanceMessageType.Unknown) return ParseResult.Reject(RejectReason.UnknownMessage);

        if ((r = ResolveInstrument(fields, streamSymbol, scratch, out var instrument)) != RejectReason.None) return ParseResult.Reject(r);

        var template = default(MarketEvent);
        template.Venue = Venue.Binance;
        template.ConnectionId = _connectionId;
        template.InstrumentId = instrument.Id;
        template.ReceiveTimeNs = receiveTimeNs;
        r = type switch
        {
            BinanceMessageType.BookTicker => BinanceStreamPayloads.BookTicker(fields, instrument, template, batch),
            BinanceMessageType.Trade => BinanceStreamPayloads.Trade(fields, instrument, template, batch),
            BinanceMessageType.AggTrade => BinanceStreamPayloads.AggTrade(fields, instrument, template, batch),
            BinanceMessageType.DiffDepth => BinanceStreamPayloads.DiffDepth(fields, instrument, template, batch),
            BinanceMessageType.PartialDepth => BinanceStreamPayloads.PartialDepth(fields, instrument, template, batch),
            BinanceMessageType.Ticker24h => BinanceStreamPayloads.Ticker(fields, instrument, template, batch),
            _ => RejectReason.UnknownMessage,
        };
        return r == RejectReason.None ? ParseResult.Data() : ParseResult.Reject(r);
    }

    /// <summary>
    /// The payload's "e" decides when present; otherwise the stream name's suffix; otherwise the shape
    /// (spot bookTicker has no "e": u + s; partial depth has no "e": lastUpdateId).
    /// </summary>
    private static BinanceMessageType ClassifyPayload(in BinanceFields fields, BinanceMessageType streamType, Span<byte> scratch, out RejectReason reject)
    {
        reject = RejectReason.None;
        if (fields.Has(BinanceKey.LowerE))
        {
            reject = fields.GetString(BinanceKey.LowerE, scratch, out var eventType);
            return reject == RejectReason.None ? BinanceMessageTypes.FromEventType(eventType) : BinanceMessageType.Unknown;
        }
        if (streamType != BinanceMessageType.Unknown) return streamType;
        if (fields.Has(BinanceKey.LastUpdateId)) return BinanceMessageType.PartialDepth;
        if (fields.Has(BinanceKey.LowerU) && fields.Has(BinanceKey.LowerS)) return BinanceMessageType.BookTicker;
        return BinanceMessageType.Unknown;
    }

    /// <summary>"s" is the exact upper-case symbol; payloads without it (partial depth) take the stream name's lower-case one.</summary>
    private RejectReason ResolveInstrument(in BinanceFields fields, ReadOnlySpan<byte> streamSymbol, Span<byte> scratch, out Instrument instrument)
    {
        instrument = null!;
        int id;
        if (fields.Has(BinanceKey.LowerS))
        {
            var r = fields.GetString(BinanceKey.LowerS, scratch, out var symbol);
            if (r != RejectReason.None) return r;
            id = _registry.Lookup(Venue.Binance, symbol);
        }
        else if (!streamSymbol.IsEmpty)
        {
            id = _registry.LookupUpperInvariant(Venue.Binance, streamSymbol);
        }
        else
        {
            return RejectReason.MissingField;
        }
        if (id == 0 || !_registry.TryGet(id, out instrument)) return RejectReason.UnknownInstrument;
        return RejectReason.None;
    }
}
