using System.Text.Json;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>
/// Parses the older Coinbase Exchange feed (<c>ws-feed.exchange.coinbase.com</c>, formerly "Pro"): flat
/// messages keyed by <c>type</c> — snapshot / l2update (level2, level2_batch), ticker, match / last_match,
/// heartbeat, subscriptions, error. Sequences there are per product (<c>sequence</c> → UpdateId) and the
/// level2 channel has none at all, so no frame reports a <see cref="ParseResult.ConnectionSequence"/>.
/// One instance per connection, used by its ingress thread only.
/// </summary>
public sealed partial class CoinbaseExchangeParser : IFrameParser
{
    private readonly InstrumentRegistry _instruments;
    private readonly ushort _connectionId;
    private readonly byte[] _symbolScratch = new byte[CoinbaseJson.MaxSymbolBytes];

    public CoinbaseExchangeParser(InstrumentRegistry instruments, ushort connectionId = 0)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _instruments = instruments;
        _connectionId = connectionId;
    }

    public Venue Venue => Venue.Coinbase;

    public ParseResult Parse(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = ParseMessage(frame, receiveTimeNs, batch);
        }
        catch (JsonException)
        {
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        if (result.Kind == FrameKind.Rejected) batch.RemoveLast(batch.Count - start);
        return result;
    }

    private ParseResult ParseMessage(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        var start = batch.Count;
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject) return ParseResult.Reject(RejectReason.WrongType);

        var m = default(ExchangeMessageFields);
        Instrument? instrument = null; // resolved as soon as a book array needs it
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            RejectReason reason;
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseResult.Reject(RejectReason.WrongType);
                m.Type = ExchangeMessageTypes.Classify(ref reader);
                reason = RejectReason.None;
            }
            else if (reader.ValueTextEquals("product_id"u8)) reason = CoinbaseJson.ReadSymbol(ref reader, _symbolScratch, out m.ProductId);
            else if (reader.ValueTextEquals("changes"u8)) reason = ReadBookArray(ref reader, frame, BookArray.Changes, ref m, ref instrument, receiveTimeNs, batch);
            else if (reader.ValueTextEquals("time"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.Time);
            else if (reader.ValueTextEquals("price"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.Price);
            else if (reader.ValueTextEquals("size"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.Size);
            else if (reader.ValueTextEquals("side"u8))
            {
                reader.Read();
                reason = ExchangeSides.Read(ref reader, out m.Side);
            }
            else if (reader.ValueTextEquals("sequence"u8)) reason = CoinbaseJson.ReadInt64(ref reader, out m.Sequence, out m.HasSequence);
            else if (reader.ValueTextEquals("trade_id"u8)) reason = CoinbaseJson.ReadTradeId(ref reader, out m.TradeId);
            else if (reader.ValueTextEquals("best_bid"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.BestBid);
            else if (reader.ValueTextEquals("best_bid_size"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.BestBidSize);
            else if (reader.ValueTextEquals("best_ask"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.BestAsk);
            else if (reader.ValueTextEquals("best_ask_size"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.BestAskSize);
            else if (reader.ValueTextEquals("volume_24h"u8)) reason = CoinbaseJson.ReadText(ref reader, out m.Volume24h);
            else if (reader.ValueTextEquals("bids"u8)) reason = ReadBookArray(ref reader, frame, BookArray.Bids, ref m, ref instrument, receiveTimeNs, batch);
            else if (reader.ValueTextEquals("asks"u8)) reason = ReadBookArray(ref reader, frame, BookArray.Asks, ref m, ref instrument, receiveTimeNs, batch);
            else
            {
                CoinbaseJson.SkipValue(ref reader); // order ids, 24 h / 30 d stats, last_size, message, reason, …
                reason = RejectReason.None;
            }
            if (reason != RejectReason.None) return ParseResult.Reject(reason);
        }
        if (reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson); // trailing content (Read throws first)

        RejectReason result;
        switch (m.Type)
        {
            case ExchangeMessageType.Absent:
                return ParseResult.Reject(RejectReason.MissingField);
            case ExchangeMessageType.Unknown:
                return ParseResult.Reject(RejectReason.UnknownMessage);
            case ExchangeMessageType.Error:
                return new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence);
            case ExchangeMessageType.Subscriptions:
                return ParseResult.ControlFrame(ControlKind.SubscriptionAck);
            case ExchangeMessageType.Heartbeat:
                // Its per-product sequence says nothing about this connection's other products: not surfaced.
                return ParseResult.ControlFrame(ControlKind.Heartbeat);
            case ExchangeMessageType.Snapshot:
            case ExchangeMessageType.L2Update:
                result = FinishBook(ref m, instrument, start, receiveTimeNs, batch);
                break;
            case ExchangeMessageType.Ticker:
                result = BuildTicker(ref m, receiveTimeNs, batch);
                break;
            default:
                result = BuildTrade(ref m, receiveTimeNs, batch);
                break;
        }
        return result == RejectReason.None ? ParseResult.Data() : ParseResult.Reject(result);
    }

    private RejectReason Resolve(in JsonText productId, out Instrument instrument)
    {
        instrument = null!;
        if (!productId.Present) return RejectReason.MissingField;
        var id = _instruments.Lookup(Venue.Coinbase, productId.Bytes);
        if (id == 0) return RejectReason.UnknownInstrument;
        instrument = _instruments[id];
        return RejectReason.None;
    }

    private ref MarketEvent AddEvent(EventBatch batch, MarketEventKind kind, int instrumentId, long receiveTimeNs)
    {
        ref var e = ref batch.Add();
        e.Kind = kind;
        e.Venue = Venue.Coinbase;
        e.ConnectionId = _connectionId;
        e.InstrumentId = instrumentId;
        e.ReceiveTimeNs = receiveTimeNs;
        return ref e;
    }

    private static RejectReason ParseOptionalTime(in JsonText time, out long timeNs)
    {
        timeNs = 0;
        if (!time.Present) return RejectReason.None;
        return Rfc3339Timestamp.TryParseUnixNanos(time.Bytes, out timeNs) ? RejectReason.None : RejectReason.BadNumber;
    }
}
