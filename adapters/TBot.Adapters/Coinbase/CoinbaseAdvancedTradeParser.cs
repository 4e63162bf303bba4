using System.Text.Json;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>
/// Parses the Coinbase Advanced Trade market-data feed (<c>advanced-trade-ws.coinbase.com</c>): envelopes
/// <c>{channel, client_id, timestamp, sequence_num, events[]}</c> on channels l2_data, ticker, ticker_batch,
/// market_trades, heartbeats and subscriptions.
/// <para>Every frame that has one reports its <c>sequence_num</c> in <see cref="ParseResult.ConnectionSequence"/>
/// (data, control and rejected frames alike; not malformed ones): that per-connection counter is the only loss
/// signal this API gives, so the connection must see all of them. Book events carry it as UpdateId too.</para>
/// <para>Events take the envelope <c>timestamp</c> as exchange time (l2 <c>event_time</c>s can be placeholders
/// and are not monotonic); trades keep their own <c>time</c>.</para>
/// One instance per connection, used by its ingress thread only.
/// </summary>
public sealed partial class CoinbaseAdvancedTradeParser : IFrameParser
{
    private readonly InstrumentRegistry _instruments;
    private readonly ushort _connectionId;
    private readonly byte[] _symbolScratch = new byte[CoinbaseJson.MaxSymbolBytes];

    public CoinbaseAdvancedTradeParser(InstrumentRegistry instruments, ushort connectionId = 0)
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
            result = ParseEnvelope(frame, receiveTimeNs, batch);
        }
        catch (JsonException)
        {
            // Invalid or truncated JSON: nothing in it can be trusted, its sequence_num included.
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        if (result.Kind == FrameKind.Rejected) batch.RemoveLast(batch.Count - start);
        return result;
    }

    private ParseResult ParseEnvelope(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        var start = batch.Count;
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject) return ParseResult.Reject(RejectReason.WrongType);

        var channel = AdvancedTradeChannel.Absent;
        var hasType = false;
        var isError = false;
        var sequence = ParseResult.NoSequence;
        var hasSequence = false;
        JsonText timestamp = default;
        var eventsSeen = false;
        var eventsParsed = false;
        ReadOnlySpan<byte> capturedEvents = default;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var reason = RejectReason.None;
            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseResult.Reject(RejectReason.WrongType, sequence);
                channel = AdvancedTradeChannels.Classify(ref reader);
            }
            else if (reader.ValueTextEquals("sequence_num"u8))
            {
                reason = CoinbaseJson.ReadInt64(ref reader, out var value, out hasSequence);
                if (hasSequence) sequence = value;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reason = CoinbaseJson.ReadText(ref reader, out timestamp);
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return ParseResult.Reject(RejectReason.WrongType, sequence);
                eventsSeen = true;
                if (hasSequence && AdvancedTradeChannels.CarriesData(channel))
                {
                    // The usual key order: parse in place, no second pass.
                    reason = ParseEvents(ref reader, frame, channel, receiveTimeNs, batch);
                    eventsParsed = true;
                }
                else
                {
                    capturedEvents = CoinbaseJson.CaptureArray(ref reader, frame);
                }
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseResult.Reject(RejectReason.WrongType, sequence);
                hasType = true;
                isError = reader.ValueTextEquals("error"u8);
            }
            else
            {
                CoinbaseJson.SkipValue(ref reader); // client_id and anything new
            }
            if (reason != RejectReason.None) return ParseResult.Reject(reason, sequence);
        }
        if (reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson); // trailing content (Read throws first)

        if (isError) return new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, sequence);
        if (channel == AdvancedTradeChannel.Absent) return ParseResult.Reject(hasType ? RejectReason.UnknownMessage : RejectReason.MissingField, sequence);
        if (!hasSequence) return ParseResult.Reject(RejectReason.MissingField);
        switch (channel)
        {
            case AdvancedTradeChannel.Heartbeats:
                return ParseResult.ControlFrame(ControlKind.Heartbeat, sequence);
            case AdvancedTradeChannel.Subscriptions:
                return ParseResult.ControlFrame(ControlKind.SubscriptionAck, sequence);
            case AdvancedTradeChannel.Unknown:
                return ParseResult.Reject(RejectReason.UnknownMessage, sequence);
        }

        if (!eventsSeen) return ParseResult.Reject(RejectReason.MissingField, sequence);
        if (!eventsParsed)
        {
            var events = CoinbaseJson.OpenCaptured(capturedEvents);
            var reason = ParseEvents(ref events, capturedEvents, channel, receiveTimeNs, batch);
            if (reason != RejectReason.None) return ParseResult.Reject(reason, sequence);
        }

        long timeNs = 0;
        if (timestamp.Present && !Rfc3339Timestamp.TryParseUnixNanos(timestamp.Bytes, out timeNs))
            return ParseResult.Reject(RejectReason.BadNumber, sequence);
        StampEnvelope(batch, start, sequence, timeNs);
        return ParseResult.Data(sequence);
    }

    /// <summary>With the reader on the events StartArray: parse every event of a data channel.</summary>
    private RejectReason ParseEvents(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, AdvancedTradeChannel channel, long receiveTimeNs, EventBatch batch)
    {
        var group = default(BookGroup);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return RejectReason.WrongType;
            var reason = channel switch
            {
                AdvancedTradeChannel.Level2 => ParseLevel2Event(ref reader, json, receiveTimeNs, batch, ref group),
                AdvancedTradeChannel.MarketTrades => ParseTradesEvent(ref reader, receiveTimeNs, batch),
                _ => ParseTickerEvent(ref reader, receiveTimeNs, batch),
            };
            if (reason != RejectReason.None) return reason;
        }
        if (group.IsOpen) batch[batch.Count - 1].Flags |= EventFlags.LastInMessage;
        return RejectReason.None;
    }

    /// <summary>Envelope fields known only once the whole frame is read: the sequence and the envelope time
    /// (for events that have no time of their own, or a 1970 placeholder).</summary>
    private static void StampEnvelope(EventBatch batch, int start, long sequence, long timeNs)
    {
        for (var i = start; i < batch.Count; i++)
        {
            ref var e = ref batch[i];
            e.UpdateId = sequence;
            if (e.Kind is MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel) e.FirstUpdateId = sequence;
            if (e.ExchangeTimeNs == 0) e.ExchangeTimeNs = timeNs;
        }
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
}
