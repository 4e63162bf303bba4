using System.Text.Json;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// Parser for OKX v5 public WebSocket frames: data pushes <c>{"arg":{channel,instId},"action"?,"data":[…]}</c>
/// for books / books-l2-tbt / books50-l2-tbt, books5, bbo-tbt, tickers and trades; <c>{"event":…}</c> control
/// frames; and the plain-text keep-alive reply <c>pong</c>. Allocation-free on every valid frame.
/// Root keys may come in any order ("arg" after "data"): a first pass records where <c>data</c> is, the
/// instrument is resolved from <c>arg</c>, then <c>data</c> is parsed.
/// </summary>
public sealed class OkxWsParser : IFrameParser
{
    /// <summary>OKX notice code announcing a disconnect for a service upgrade (reconnect now).</summary>
    public const int ServiceUpgradeNoticeCode = 64008;

    private readonly InstrumentRegistry _registry;
    private readonly ushort _connectionId;

    public OkxWsParser(InstrumentRegistry registry, ushort connectionId = 0)
    {
        _registry = registry;
        _connectionId = connectionId;
    }

    public Venue Venue => Venue.Okx;

    /// <summary>The numeric <c>code</c> of the last error or notice frame (e.g. 60012, 64008); 0 if it had none.</summary>
    public int LastVenueCode { get; private set; }

    public ParseResult Parse(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        if (IsPong(frame)) return ParseResult.ControlFrame(ControlKind.Pong);
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = ParseJson(frame, receiveTimeNs, batch);
        }
        catch (JsonException)
        {
            // Utf8JsonReader throws on invalid or truncated JSON; the only exception path.
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        if (result.Kind == FrameKind.Rejected) batch.RemoveLast(batch.Count - start);
        return result;
    }

    /// <summary>The reply to our text "ping" is the bare text "pong" — not JSON.</summary>
    private static bool IsPong(ReadOnlySpan<byte> frame) => frame.Trim(" \t\r\n"u8).SequenceEqual("pong"u8);

    private ParseResult ParseJson(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject) return ParseResult.Reject(RejectReason.UnknownMessage);

        ReadOnlySpan<byte> eventName = default, channel = default, instId = default, action = default, code = default;
        bool hasEvent = false, hasArg = false, hasChannel = false, hasInstId = false, hasAction = false, hasData = false;
        int dataStart = 0, dataEnd = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var reason = RejectReason.None;
            if (reader.ValueTextEquals("event"u8))
            {
                hasEvent = true;
                reason = OkxJson.String(ref reader, out eventName);
            }
            else if (reader.ValueTextEquals("arg"u8))
            {
                hasArg = true;
                reason = ReadArg(ref reader, ref channel, ref hasChannel, ref instId, ref hasInstId);
            }
            else if (reader.ValueTextEquals("action"u8))
            {
                hasAction = true;
                reason = OkxJson.String(ref reader, out action);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                hasData = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return ParseResult.Reject(RejectReason.WrongType);
                // Remember where the array is; it is parsed once the instrument from "arg" is known.
                dataStart = (int)reader.TokenStartIndex;
                reader.Skip();
                dataEnd = (int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                // A string ("60012") in current frames; accept a number as well.
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number) code = reader.ValueSpan;
                else reader.Skip();
            }
            else
            {
                reader.Skip();
            }
            if (reason != RejectReason.None) return ParseResult.Reject(reason);
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("truncated");

        if (hasEvent) return EventFrame(eventName, code);
        if (!hasData) return ParseResult.Reject(hasArg ? RejectReason.MissingField : RejectReason.UnknownMessage);
        if (!hasChannel) return ParseResult.Reject(RejectReason.MissingField);
        var kind = OkxChannels.Classify(channel);
        if (kind == OkxChannel.Unknown) return ParseResult.Reject(RejectReason.UnknownMessage);
        if (!hasInstId) return ParseResult.Reject(RejectReason.MissingField);
        var id = _registry.Lookup(Venue.Okx, instId);
        if (id == 0) return ParseResult.Reject(RejectReason.UnknownInstrument);

        var levelKind = MarketEventKind.BookSnapshotLevel;
        if (kind == OkxChannel.IncrementalBook)
        {
            if (!hasAction) return ParseResult.Reject(RejectReason.MissingField);
            if (action.SequenceEqual("update"u8)) levelKind = MarketEventKind.BookDelta;
            else if (!action.SequenceEqual("snapshot"u8)) return ParseResult.Reject(RejectReason.UnknownMessage);
        }

        var stamp = new OkxEventStamp(_registry[id], _connectionId, receiveTimeNs, EventFlags.None);
        var data = new Utf8JsonReader(frame[dataStart..dataEnd]);
        data.Read(); // StartArray
        while (data.Read() && data.TokenType != JsonTokenType.EndArray)
        {
            if (data.TokenType != JsonTokenType.StartObject) return ParseResult.Reject(RejectReason.WrongType);
            var reason = kind switch
            {
                OkxChannel.IncrementalBook => OkxBookData.Parse(ref data, stamp, levelKind, requireSequence: true, batch),
                OkxChannel.Books5 => OkxBookData.Parse(ref data, stamp, MarketEventKind.BookSnapshotLevel, requireSequence: false, batch),
                OkxChannel.BboTbt => OkxQuoteData.Parse(ref data, stamp, batch),
                OkxChannel.Tickers => OkxTickerData.Parse(ref data, _registry, stamp.Instrument, _connectionId, receiveTimeNs, EventFlags.None, batch),
                _ => OkxTradeData.Parse(ref data, stamp, batch),
            };
            if (reason != RejectReason.None) return ParseResult.Reject(reason);
        }
        return ParseResult.Data();
    }

    /// <summary>The "arg" object: channel and instId (other keys such as instType are skipped).</summary>
    private static RejectReason ReadArg(scoped ref Utf8JsonReader reader, ref ReadOnlySpan<byte> channel, ref bool hasChannel,
        ref ReadOnlySpan<byte> instId, ref bool hasInstId)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return RejectReason.WrongType;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var reason = RejectReason.None;
            if (reader.ValueTextEquals("channel"u8))
            {
                hasChannel = true;
                reason = OkxJson.String(ref reader, out channel);
            }
            else if (reader.ValueTextEquals("instId"u8))
            {
                hasInstId = true;
                reason = OkxJson.String(ref reader, out instId);
            }
            else
            {
                reader.Skip();
            }
            if (reason != RejectReason.None) return reason;
        }
        return RejectReason.None;
    }

    /// <summary>Control frames: acks, errors, login / connection-count info, notices.</summary>
    private ParseResult EventFrame(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> code)
    {
        if (eventName.SequenceEqual("subscribe"u8) || eventName.SequenceEqual("unsubscribe"u8))
            return ParseResult.ControlFrame(ControlKind.SubscriptionAck);
        if (eventName.SequenceEqual("error"u8) || eventName.SequenceEqual("channel-conn-count-error"u8))
        {
            LastVenueCode = OkxText.Code(code);
            return new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence);
        }
        if (eventName.SequenceEqual("notice"u8))
        {
            LastVenueCode = OkxText.Code(code);
            // 64008: the server closes the connection in ~30 s for an upgrade; let the connection reconnect early.
            return ParseResult.ControlFrame(LastVenueCode == ServiceUpgradeNoticeCode ? ControlKind.ServerShutdown : ControlKind.Info);
        }
        if (eventName.SequenceEqual("login"u8) || eventName.SequenceEqual("channel-conn-count"u8))
            return ParseResult.ControlFrame(ControlKind.Info);
        return ParseResult.Reject(RejectReason.UnknownMessage);
    }
}
