using System.Text.Json;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// Parser for OKX v5 REST market-data bodies in the <c>{"code":"0","msg":"","data":[…]}</c> envelope:
/// ticker(s), books and candles. A non-"0" <c>code</c> is a venue error (see <see cref="LastVenueCode"/>, e.g.
/// 50011 = rate limited). Events carry <see cref="EventFlags.FromRest"/>. Allocation-free on valid bodies.
/// </summary>
public sealed class OkxRestParser
{
    private readonly InstrumentRegistry _registry;

    public OkxRestParser(InstrumentRegistry registry) => _registry = registry;

    /// <summary>The numeric <c>code</c> of the last error envelope (50011, 51001, …); 0 after a success.</summary>
    public int LastVenueCode { get; private set; }

    /// <summary>
    /// <c>GET /api/v5/market/ticker</c> (or <c>/tickers</c>) → one Ticker event per known instrument; the
    /// instrument comes from each object's <c>instId</c>. Objects for instruments not in the registry are skipped;
    /// if nothing was known (or <c>data</c> is empty: OKX's answer for an unknown instId) → UnknownInstrument.
    /// </summary>
    public ParseResult ParseTicker(ReadOnlySpan<byte> body, long receiveTimeNs, EventBatch batch)
    {
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = Envelope(body, out var data);
            if (result.Kind == FrameKind.Data)
            {
                var reader = new Utf8JsonReader(data);
                reader.Read();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        result = ParseResult.Reject(RejectReason.WrongType);
                        break;
                    }
                    var reason = OkxTickerData.Parse(ref reader, _registry, null, 0, receiveTimeNs, EventFlags.FromRest, batch);
                    // Unknown instruments are skipped so that the all-instruments /tickers body can be parsed too.
                    if (reason != RejectReason.None && reason != RejectReason.UnknownInstrument)
                    {
                        result = ParseResult.Reject(reason);
                        break;
                    }
                }
                if (result.Kind == FrameKind.Data && batch.Count == start) result = ParseResult.Reject(RejectReason.UnknownInstrument);
            }
        }
        catch (JsonException)
        {
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        return Finish(result, batch, start);
    }

    /// <summary>
    /// <c>GET /api/v5/market/books</c> for <paramref name="instrument"/> → BookSnapshotLevel events (bids and asks
    /// as written, with the decimals received), UpdateId = <c>seqId</c> when present (0 otherwise), first/last flags.
    /// Empty <c>data</c> (unknown instId) → UnknownInstrument.
    /// </summary>
    public ParseResult ParseBooks(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = Envelope(body, out var data);
            if (result.Kind == FrameKind.Data)
            {
                var stamp = new OkxEventStamp(instrument, 0, receiveTimeNs, EventFlags.FromRest);
                var reader = new Utf8JsonReader(data);
                reader.Read();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var reason = reader.TokenType == JsonTokenType.StartObject
                        ? OkxBookData.Parse(ref reader, stamp, MarketEventKind.BookSnapshotLevel, requireSequence: false, batch)
                        : RejectReason.WrongType;
                    if (reason != RejectReason.None)
                    {
                        result = ParseResult.Reject(reason);
                        break;
                    }
                }
                if (result.Kind == FrameKind.Data && batch.Count == start) result = ParseResult.Reject(RejectReason.UnknownInstrument);
            }
        }
        catch (JsonException)
        {
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        return Finish(result, batch, start);
    }

    /// <summary>
    /// <c>GET /api/v5/market/candles</c> (and history-candles) for <paramref name="instrument"/> → Candle events
    /// in chronological order (OKX sends newest first; the order is normalised). Unconfirmed (still open, <c>confirm</c> "0") candles are
    /// skipped unless <paramref name="includeUnconfirmed"/>; 7-element rows from older API versions have no
    /// <c>confirm</c> and count as confirmed. Empty <c>data</c> (no candles in range) is a valid, empty result.
    /// </summary>
    public ParseResult ParseCandles(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, EventBatch batch, bool includeUnconfirmed = false)
    {
        var start = batch.Count;
        ParseResult result;
        try
        {
            result = Envelope(body, out var data);
            if (result.Kind == FrameKind.Data)
            {
                var stamp = new OkxEventStamp(instrument, 0, receiveTimeNs, EventFlags.FromRest);
                var reader = new Utf8JsonReader(data);
                reader.Read();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var reason = OkxCandleRow.Parse(ref reader, stamp, includeUnconfirmed, batch);
                    if (reason != RejectReason.None)
                    {
                        result = ParseResult.Reject(reason);
                        break;
                    }
                }
                if (result.Kind == FrameKind.Data) SortByOpenTime(batch.AsSpan()[start..]);
            }
        }
        catch (JsonException)
        {
            result = ParseResult.Reject(RejectReason.MalformedJson);
        }
        return Finish(result, batch, start);
    }

    /// <summary>
    /// Oldest first. OKX documents newest-first, but captured bodies exist in ascending order, so flip a
    /// descending list and then insertion-sort (linear on sorted input, no allocation).
    /// </summary>
    private static void SortByOpenTime(Span<MarketEvent> candles)
    {
        if (candles.Length > 1 && candles[0].FirstUpdateId > candles[^1].FirstUpdateId) candles.Reverse();
        for (var i = 1; i < candles.Length; i++)
        {
            var e = candles[i];
            var j = i - 1;
            while (j >= 0 && candles[j].FirstUpdateId > e.FirstUpdateId)
            {
                candles[j + 1] = candles[j];
                j--;
            }
            candles[j + 1] = e;
        }
    }

    private static ParseResult Finish(ParseResult result, EventBatch batch, int start)
    {
        if (result.Kind == FrameKind.Rejected) batch.RemoveLast(batch.Count - start);
        return result;
    }

    /// <summary>
    /// Read the envelope in any key order ("msg" and "code" may precede or follow "data"): returns Data with the
    /// raw bytes of the <c>data</c> array, or a VenueError for a non-"0" code.
    /// </summary>
    internal ParseResult Envelope(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> data)
    {
        data = default;
        var reader = new Utf8JsonReader(body);
        if (!reader.Read()) return ParseResult.Reject(RejectReason.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject) return ParseResult.Reject(RejectReason.UnknownMessage);
        ReadOnlySpan<byte> code = default;
        bool hasCode = false, hasData = false;
        int dataStart = 0, dataEnd = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                hasCode = true;
                reader.Read();
                // Documented as a string; a number is tolerated.
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                    return ParseResult.Reject(RejectReason.WrongType);
                code = reader.ValueSpan;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                hasData = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    // Error envelopes may carry something else here; only a success needs the array.
                    reader.Skip();
                    dataStart = -1;
                    continue;
                }
                dataStart = (int)reader.TokenStartIndex;
                reader.Skip();
                dataEnd = (int)reader.BytesConsumed;
            }
            else
            {
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("truncated");
        if (!hasCode) return ParseResult.Reject(RejectReason.MissingField);
        if (!code.SequenceEqual("0"u8))
        {
            LastVenueCode = OkxText.Code(code);
            return new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence);
        }
        LastVenueCode = 0;
        if (!hasData) return ParseResult.Reject(RejectReason.MissingField);
        if (dataStart < 0) return ParseResult.Reject(RejectReason.WrongType);
        data = body[dataStart..dataEnd];
        return ParseResult.Data();
    }
}
