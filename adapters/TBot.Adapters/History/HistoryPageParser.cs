using System.Text.Json;
using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.History;

/// <summary>
/// Parses history pages row by row with the live payload parsers (Binance aggTrade fields and kline rows, OKX trade
/// objects and candle rows) into <see cref="MarketEvent"/>s exactly as live parsing makes them (flag FromRest). A bad
/// row (bad number, misaligned tick, missing field) is counted under its reason and skipped, the rest of the page is
/// kept. A body that is not the expected JSON at all, or a venue error envelope, fails the page (the return value).
/// </summary>
public static class HistoryPageParser
{
    /// <summary>Binance <c>GET /api/v3/aggTrades</c>: <c>[{"a","p","q","f","l","T","m","M"}, ...]</c> (the aggTrade stream payload without e/E/s).</summary>
    public static RejectReason BinanceAggTrades(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, HistoryPage page)
    {
        try
        {
            scoped var reader = new Utf8JsonReader(body);
            if (!reader.Read()) return RejectReason.MalformedJson;
            if (reader.TokenType == JsonTokenType.StartObject) return RejectReason.VenueError;
            if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
            var template = Template(Venue.Binance, instrument.Id, receiveTimeNs);
            Span<JsonSlot> slots = stackalloc JsonSlot[(int)BinanceKey.Count];
            scoped Utf8JsonReader end;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    page.Reject(RejectReason.WrongType);
                    reader.Skip();
                    continue;
                }
                end = reader;
                end.Skip();
                slots.Clear();
                var fields = new BinanceFields(body, slots);
                var r = fields.Scan(ref reader) ? BinanceStreamPayloads.AggTrade(fields, instrument, template, page.Events) : RejectReason.MalformedJson;
                if (r != RejectReason.None)
                {
                    page.Reject(r);
                    reader = end;
                }
            }
            return End(ref reader);
        }
        catch (JsonException)
        {
            return RejectReason.MalformedJson;
        }
    }

    /// <summary>Binance <c>GET /api/v3/klines</c>: positional rows, oldest first.</summary>
    public static RejectReason BinanceKlines(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, HistoryPage page)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read()) return RejectReason.MalformedJson;
            if (reader.TokenType == JsonTokenType.StartObject) return RejectReason.VenueError;
            if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
            var template = Template(Venue.Binance, instrument.Id, receiveTimeNs);
            template.Kind = MarketEventKind.Candle;
            template.Flags |= EventFlags.FirstInMessage | EventFlags.LastInMessage;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    page.Reject(RejectReason.WrongType);
                    reader.Skip();
                    continue;
                }
                var end = reader;
                end.Skip();
                var r = BinanceRestParser.Kline(ref reader, instrument, template, page.Events);
                if (r != RejectReason.None)
                {
                    page.Reject(r);
                    reader = end;
                }
            }
            return End(ref reader);
        }
        catch (JsonException)
        {
            return RejectReason.MalformedJson;
        }
    }

    /// <summary>OKX <c>history-trades</c>: envelope, <c>data</c> = trade objects as on the trades channel, newest first (kept as sent).</summary>
    public static RejectReason OkxTrades(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, HistoryPage page) =>
        OkxRows(body, instrument, receiveTimeNs, page, JsonTokenType.StartObject,
            static (ref Utf8JsonReader reader, in OkxEventStamp stamp, EventBatch batch) => OkxTradeData.Parse(ref reader, stamp, batch));

    /// <summary>OKX <c>candles</c>/<c>history-candles</c>: confirmed candles only, newest first (kept as sent).</summary>
    public static RejectReason OkxCandles(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, HistoryPage page) =>
        OkxRows(body, instrument, receiveTimeNs, page, JsonTokenType.StartArray,
            static (ref Utf8JsonReader reader, in OkxEventStamp stamp, EventBatch batch) => OkxCandleRow.Parse(ref reader, stamp, includeUnconfirmed: false, batch));

    private delegate RejectReason OkxRowParser(ref Utf8JsonReader reader, in OkxEventStamp stamp, EventBatch batch);

    private static RejectReason OkxRows(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, HistoryPage page, JsonTokenType rowStart, OkxRowParser parse)
    {
        try
        {
            var envelope = new OkxRestParser(new InstrumentRegistry()).Envelope(body, out var data);
            if (envelope.Kind != FrameKind.Data) return envelope.Reason;
            var stamp = new OkxEventStamp(instrument, 0, receiveTimeNs, EventFlags.FromRest);
            var reader = new Utf8JsonReader(data);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != rowStart)
                {
                    page.Reject(RejectReason.WrongType);
                    reader.Skip();
                    continue;
                }
                var end = reader;
                end.Skip();
                var before = page.Events.Count;
                var r = parse(ref reader, stamp, page.Events);
                if (r != RejectReason.None)
                {
                    page.Events.RemoveLast(page.Events.Count - before);
                    page.Reject(r);
                    reader = end;
                }
            }
            return RejectReason.None;
        }
        catch (JsonException)
        {
            return RejectReason.MalformedJson;
        }
    }

    private static RejectReason End(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.EndArray && !reader.Read() ? RejectReason.None : RejectReason.MalformedJson;

    private static MarketEvent Template(Venue venue, int instrumentId, long receiveTimeNs)
    {
        var e = default(MarketEvent);
        e.Venue = venue;
        e.InstrumentId = instrumentId;
        e.ReceiveTimeNs = receiveTimeNs;
        e.Flags = EventFlags.FromRest;
        return e;
    }
}
