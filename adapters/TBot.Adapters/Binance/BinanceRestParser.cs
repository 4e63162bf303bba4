using System.Text.Json;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Binance;

/// <summary>
/// Allocation-free parsers for Binance spot REST bodies used by book sync and polling: depth snapshots,
/// bookTicker, klines, server time and error bodies. Same contract as the stream parser: events get
/// <see cref="EventFlags.FromRest"/>, a rejected body leaves nothing appended, bad input never throws, and
/// an error body (<c>{"code":-1121,"msg":"…"}</c>) where data was expected is a VenueError.
/// </summary>
public static class BinanceRestParser
{
    private static readonly ParseResult VenueError =
        new(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence);

    /// <summary>
    /// <c>GET /api/v3/depth</c> → one BookSnapshotLevel per level (bids, then asks) with UpdateId =
    /// lastUpdateId. Empty sides are legal; a book with no levels at all still yields one event (Side None)
    /// so the snapshot's id reaches book sync.
    /// </summary>
    public static ParseResult ParseDepthSnapshot(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = DepthSnapshot(body, instrument, receiveTimeNs, batch);
        }
        catch (JsonException)
        {
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        return BackOutUnlessData(result, batch, start);
    }

    /// <summary>
    /// <c>GET /api/v3/ticker/bookTicker</c> → Quote events (a price of 0 means "no quote on that side").
    /// The single-symbol object form rejects an unregistered symbol (UnknownInstrument); the array form
    /// (several or all symbols) skips symbols that are not registered.
    /// </summary>
    public static ParseResult ParseBookTicker(ReadOnlySpan<byte> body, InstrumentRegistry registry, long receiveTimeNs, EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = BookTicker(body, registry, receiveTimeNs, batch);
        }
        catch (JsonException)
        {
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        return BackOutUnlessData(result, batch, start);
    }

    /// <summary>
    /// <c>GET /api/v3/klines</c> → one Candle per kline: Open/High/Low, Price = close, Volume = base volume,
    /// ExchangeTimeNs = open time. The bar's bounds in milliseconds, as Binance identifies it, go in
    /// FirstUpdateId = open time (ms) and UpdateId = close time (ms; the last kline may still be open).
    /// An empty array is valid and yields no events.
    /// </summary>
    public static ParseResult ParseKlines(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = Klines(body, instrument, receiveTimeNs, batch);
        }
        catch (JsonException)
        {
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        return BackOutUnlessData(result, batch, start);
    }

    /// <summary><c>GET /api/v3/time</c> (<c>{"serverTime":1499827319559}</c>) → Unix milliseconds.</summary>
    public static bool TryParseServerTime(ReadOnlySpan<byte> body, out long serverTimeMs)
    {
        serverTimeMs = 0;
        Span<JsonSlot> slots = stackalloc JsonSlot[(int)BinanceKey.Count];
        if (!TryScanObject(body, slots)) return false;
        var fields = new BinanceFields(body, slots);
        return fields.GetInt64(BinanceKey.ServerTime, out serverTimeMs) == RejectReason.None;
    }

    /// <summary><c>GET /api/v3/time</c> → Unix milliseconds; throws <see cref="FormatException"/> on anything else (edge use).</summary>
    public static long ParseServerTime(ReadOnlySpan<byte> body) =>
        TryParseServerTime(body, out var ms) ? ms : throw new FormatException("Not a Binance serverTime body.");

    /// <summary>
    /// An error body <c>{"code":-1121,"msg":"Invalid symbol."}</c> (REST, or the stream socket's
    /// <c>{"code":2,"msg":"…"}</c>). <paramref name="message"/> is the text between the quotes as sent
    /// (JSON escapes, if any, left in place), a slice of <paramref name="body"/>; empty when absent.
    /// </summary>
    public static bool TryParseError(ReadOnlySpan<byte> body, out int code, out ReadOnlySpan<byte> message)
    {
        code = 0;
        message = default;
        Span<JsonSlot> slots = stackalloc JsonSlot[(int)BinanceKey.Count];
        if (!TryScanObject(body, slots)) return false;
        var fields = new BinanceFields(body, slots);
        if (fields.GetInt64(BinanceKey.Code, out var value) != RejectReason.None || value is < int.MinValue or > int.MaxValue) return false;
        code = (int)value;
        message = body[fields.RawStringRange(BinanceKey.Msg)];
        return true;
    }

    /// <summary>Scan a whole-body object into <paramref name="slots"/>; false on anything else.</summary>
    private static bool TryScanObject(ReadOnlySpan<byte> body, Span<JsonSlot> slots)
    {
        try
        {
            var fields = new BinanceFields(body, slots);
            var reader = new Utf8JsonReader(body);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && fields.Scan(ref reader) && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ParseResult BackOutUnlessData(ParseResult result, EventBatch batch, int start)
    {
        if (result.Kind != FrameKind.Data) batch.RemoveLast(batch.Count - start);
        return result;
    }

    private static MarketEvent Template(int instrumentId, long receiveTimeNs)
    {
        var e = default(MarketEvent);
        e.Venue = Venue.Binance;
        e.InstrumentId = instrumentId;
        e.ReceiveTimeNs = receiveTimeNs;
        e.Flags = EventFlags.FromRest;
        return e;
    }

    private static ParseResult DepthSnapshot(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        scoped var reader = new Utf8JsonReader(body);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject) return RejectNonObject(ref reader);
        Span<JsonSlot> slots = stackalloc JsonSlot[(int)BinanceKey.Count];
        var fields = new BinanceFields(body, slots);
        if (!fields.Scan(ref reader) || reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (fields.Has(BinanceKey.Code) && !fields.Has(BinanceKey.LastUpdateId)) return VenueError;

        var r = BinanceStreamPayloads.Snapshot(fields, instrument, Template(instrument.Id, receiveTimeNs), batch);
        return r == RejectReason.None ? ParseResult.Data() : ParseResult.Reject(r);
    }

    private static ParseResult BookTicker(ReadOnlySpan<byte> body, InstrumentRegistry registry, long receiveTimeNs, EventBatch batch)
    {
        scoped var reader = new Utf8JsonReader(body);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        Span<JsonSlot> slots = stackalloc JsonSlot[(int)BinanceKey.Count];
        var fields = new BinanceFields(body, slots);
        RejectReason r;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            if (!fields.Scan(ref reader) || reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
            if (fields.Has(BinanceKey.Code) && !fields.Has(BinanceKey.Symbol)) return VenueError;
            r = RestQuote(fields, registry, receiveTimeNs, batch, skipUnknown: false);
            return r == RejectReason.None ? ParseResult.Data() : ParseResult.Reject(r);
        }
        if (reader.TokenType != JsonTokenType.StartArray) return RejectNonObject(ref reader);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return reader.Read() ? ParseResult.Reject(RejectReason.MalformedJson) : ParseResult.Data();
            }
            if (reader.TokenType != JsonTokenType.StartObject) return ParseResult.Reject(RejectReason.WrongType);
            if (!fields.Scan(ref reader)) return ParseResult.Reject(RejectReason.MalformedJson);
            if ((r = RestQuote(fields, registry, receiveTimeNs, batch, skipUnknown: true)) != RejectReason.None) return ParseResult.Reject(r);
        }
        return ParseResult.Reject(RejectReason.MalformedJson);
    }

    private static RejectReason RestQuote(in BinanceFields f, InstrumentRegistry registry, long receiveTimeNs, EventBatch batch, bool skipUnknown)
    {
        Span<byte> scratch = stackalloc byte[BinanceFields.MaxEscapedLength];
        var r = f.GetString(BinanceKey.Symbol, scratch, out var symbol);
        if (r != RejectReason.None) return r;
        var id = registry.Lookup(Venue.Binance, symbol);
        if (id == 0 || !registry.TryGet(id, out var instrument))
        {
            return skipUnknown ? RejectReason.None : RejectReason.UnknownInstrument;
        }
        var ps = instrument.PriceScale;
        var qs = instrument.QuantityScale;
        if ((r = f.GetDecimal(BinanceKey.BidPrice, ps, RejectReason.TickMisaligned, out var bid, out var bidDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.BidQty, qs, RejectReason.StepMisaligned, out var bidSize, out var bidSizeDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.AskPrice, ps, RejectReason.TickMisaligned, out var ask, out var askDecimals)) != RejectReason.None) return r;
        if ((r = f.GetDecimal(BinanceKey.AskQty, qs, RejectReason.StepMisaligned, out var askSize, out var askSizeDecimals)) != RejectReason.None) return r;

        ref var e = ref batch.Add();
        e = Template(id, receiveTimeNs);
        e.Kind = MarketEventKind.Quote;
        // Each symbol's quote is complete on its own, even inside the array form.
        e.Flags |= EventFlags.FirstInMessage | EventFlags.LastInMessage;
        e.Bid = bid;
        e.BidSize = bidSize;
        e.Ask = ask;
        e.AskSize = askSize;
        e.PriceDecimals = BinanceJson.Decimals(Math.Max(bidDecimals, askDecimals));
        e.QuantityDecimals = BinanceJson.Decimals(Math.Max(bidSizeDecimals, askSizeDecimals));
        return RejectReason.None;
    }

    private static ParseResult Klines(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        scoped var reader = new Utf8JsonReader(body);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            Span<JsonSlot> slots = stackalloc JsonSlot[(int)BinanceKey.Count];
            var fields = new BinanceFields(body, slots);
            if (!fields.Scan(ref reader) || reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
            return fields.Has(BinanceKey.Code) ? VenueError : ParseResult.Reject(RejectReason.WrongType);
        }
        if (reader.TokenType != JsonTokenType.StartArray) return RejectNonObject(ref reader);

        var start = batch.Count;
        var template = Template(instrument.Id, receiveTimeNs);
        template.Kind = MarketEventKind.Candle;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                if (reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
                if (batch.Count > start)
                {
                    batch[start].Flags |= EventFlags.FirstInMessage;
                    batch[batch.Count - 1].Flags |= EventFlags.LastInMessage;
                }
                return ParseResult.Data();
            }
            if (reader.TokenType != JsonTokenType.StartArray) return ParseResult.Reject(RejectReason.WrongType);
            var r = Kline(ref reader, instrument, template, batch);
            if (r != RejectReason.None) return ParseResult.Reject(r);
        }
        return ParseResult.Reject(RejectReason.MalformedJson);
    }

    /// <summary>One positional kline: [openTime, open, high, low, close, volume, closeTime, …ignored].</summary>
    internal static RejectReason Kline(ref Utf8JsonReader reader, Instrument instrument, in MarketEvent template, EventBatch batch)
    {
        var ps = instrument.PriceScale;
        const RejectReason tick = RejectReason.TickMisaligned;
        RejectReason r;
        if ((r = BinanceJson.ReadInt64(ref reader, out var openTimeMs)) != RejectReason.None) return r;
        if ((r = BinanceJson.ReadDecimal(ref reader, ps, tick, out var open, out _)) != RejectReason.None) return r;
        if ((r = BinanceJson.ReadDecimal(ref reader, ps, tick, out var high, out _)) != RejectReason.None) return r;
        if ((r = BinanceJson.ReadDecimal(ref reader, ps, tick, out var low, out _)) != RejectReason.None) return r;
        if ((r = BinanceJson.ReadDecimal(ref reader, ps, tick, out var close, out var closeDecimals)) != RejectReason.None) return r;
        if ((r = BinanceJson.ReadDecimal(ref reader, instrument.QuantityScale, RejectReason.StepMisaligned, out var volume, out var volumeDecimals)) != RejectReason.None) return r;
        if ((r = BinanceJson.ReadInt64(ref reader, out var closeTimeMs)) != RejectReason.None) return r;
        if (!BinanceJson.SkipToEndArray(ref reader)) return RejectReason.MalformedJson;
        if (!BinanceJson.TryMillisToNanos(openTimeMs, out var openTimeNs)) return RejectReason.BadNumber;

        ref var e = ref batch.Add();
        e = template;
        e.ExchangeTimeNs = openTimeNs;
        e.FirstUpdateId = openTimeMs;
        e.UpdateId = closeTimeMs;
        e.Open = open;
        e.High = high;
        e.Low = low;
        e.Price = close;
        e.Volume = volume;
        e.PriceDecimals = BinanceJson.Decimals(closeDecimals);
        e.QuantityDecimals = BinanceJson.Decimals(volumeDecimals);
        return RejectReason.None;
    }

    private static ParseResult RejectNonObject(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return ParseResult.Reject(reader.Read() ? RejectReason.MalformedJson : RejectReason.WrongType);
    }
}
