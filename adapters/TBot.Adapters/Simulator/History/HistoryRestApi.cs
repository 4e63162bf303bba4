using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Simulator.Binance;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Okx;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.History;

/// <summary>
/// The venues' history endpoints over the deterministic <see cref="HistoryTape"/>: Binance
/// <c>/api/v3/aggTrades</c> (fromId / startTime+endTime ≤ 1 h / most recent; limit ≤ 1000, oldest first) and
/// <c>/api/v3/klines</c> with startTime or endTime (limit ≤ 1000, oldest first); OKX
/// <c>/api/v5/market/history-trades</c> (type 1: after/before = trade id, type 2: after/before = ts; limit ≤ 100,
/// newest first) and <c>candles</c>/<c>history-candles</c> with after or before (limit ≤ 300/100, newest first).
/// Nothing at or after the wall clock is served. The caller has already applied RateLimit429.
/// </summary>
internal sealed class HistoryRestApi(SimulatorContext ctx)
{
    private const long HourMs = 3_600_000;

    private HistoryTapes Tapes => ctx.History;

    private bool Drop(Venue venue) => ctx.Faults.ShouldInject(FaultKind.DropHistoryPage, venue);

    private InstrumentMarket? Market(Venue venue, string symbol) => symbol.Length == 0 ? null : ctx.Model.Find(venue, symbol);

    private static long? Long(IQueryCollection q, string name) =>
        long.TryParse(q[name], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static int Limit(IQueryCollection q, int fallback, int max) =>
        int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, max) : fallback;

    /// <summary>Binance klines requests that name a time come from the tape (the live ones are synthesised from the book).</summary>
    public static bool IsBinanceHistoryKlines(IQueryCollection q) => q.ContainsKey("startTime") || q.ContainsKey("endTime");

    /// <summary>OKX candle requests that page by time come from the tape.</summary>
    public static bool IsOkxHistoryCandles(IQueryCollection q) => q.ContainsKey("after") || q.ContainsKey("before");

    public async Task BinanceAggTrades(HttpContext http, long nowMs)
    {
        var q = http.Request.Query;
        var symbol = q["symbol"].ToString();
        if (symbol.Length == 0)
        {
            await BinanceRestApi.MissingParameter(http, "symbol");
            return;
        }
        var tape = Tapes.Find(Venue.Binance, symbol);
        if (tape is null)
        {
            await BinanceRestApi.Error(http, 400, -1121, "Invalid symbol.");
            return;
        }
        var limit = Limit(q, 500, 1000);
        var fromId = Long(q, "fromId");
        var start = Long(q, "startTime");
        var end = Long(q, "endTime");
        if (start is { } s0 && end is { } e0 && e0 - s0 > HourMs)
        {
            await BinanceRestApi.Error(http, 400, -1127, "More than 1 hours between startTime and endTime.");
            return;
        }
        var trades = new List<HistoryTrade>(limit);
        if (fromId is { } id)
        {
            tape.TradesFromId(Math.Max(1, id), limit, nowMs, trades);
        }
        else if (start is not null || end is not null)
        {
            var s = start ?? end!.Value - HourMs;
            var e = Math.Min(nowMs, (end ?? s + HourMs) + 1); // endTime is inclusive
            tape.TradesFromId(tape.FirstIdOfMinute(HistoryTape.MinuteOf(s)), int.MaxValue, e, trades);
            trades.RemoveAll(t => t.TimeMs < s);
            if (trades.Count > limit) trades.RemoveRange(limit, trades.Count - limit);
        }
        else
        {
            var lastMinute = HistoryTape.MinuteOf(nowMs);
            var back = (limit + tape.TradesPerMinute - 1) / tape.TradesPerMinute + 1;
            tape.TradesFromId(tape.FirstIdOfMinute(lastMinute - back), int.MaxValue, nowMs, trades);
            if (trades.Count > limit) trades.RemoveRange(0, trades.Count - limit);
        }
        var spec = tape.Spec;
        await HistoryResponder.WriteAsync(http, w =>
        {
            w.WriteStartArray();
            foreach (var t in trades)
            {
                w.WriteStartObject();
                w.WriteNumber("a", t.Id);
                w.WritePropertyName("p");
                WireJson.Decimal(w, t.Price, spec.PriceScale, BinanceWire.Style);
                w.WritePropertyName("q");
                WireJson.Decimal(w, t.Quantity, spec.QuantityScale, BinanceWire.Style);
                w.WriteNumber("f", t.Id);
                w.WriteNumber("l", t.Id);
                w.WriteNumber("T", t.TimeMs);
                w.WriteBoolean("m", t.BuyerIsMaker);
                w.WriteBoolean("M", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, Drop(Venue.Binance));
    }

    /// <summary>Klines with startTime/endTime, oldest first; the still-open bar holds the trades so far.</summary>
    public async Task BinanceKlines(HttpContext http, InstrumentMarket market, long intervalMs, long nowMs)
    {
        var q = http.Request.Query;
        var tape = Tapes.Find(Venue.Binance, market.Spec.Symbol)!;
        if (intervalMs % HistoryTape.MinuteMs != 0)
        {
            await BinanceRestApi.Error(http, 400, -1120, "Invalid interval.");
            return;
        }
        var limit = Limit(q, 500, 1000);
        var end = Math.Min(Long(q, "endTime") ?? nowMs, nowMs);
        var start = Long(q, "startTime") ?? end - (limit - 1) * intervalMs;
        var bars = new List<Candle>(limit);
        for (var open = Ceil(start, intervalMs); open <= end && bars.Count < limit; open += intervalMs)
            if (tape.TryCandle(open, intervalMs, nowMs, out var c)) bars.Add(c);
        await HistoryResponder.WriteAsync(http, w => BinanceKlinesWriter.Write(w, market, bars, intervalMs), Drop(Venue.Binance));
    }

    /// <summary>OKX candles paged by ts (after = open time older than, before = newer than), newest first.</summary>
    public async Task OkxCandles(HttpContext http, InstrumentMarket market, long barMs, bool history, long nowMs)
    {
        var q = http.Request.Query;
        var tape = Tapes.Find(Venue.Okx, market.Spec.Symbol)!;
        if (barMs % HistoryTape.MinuteMs != 0)
        {
            await OkxError(http, 400, "51000", "Parameter bar error");
            return;
        }
        var limit = Limit(q, 100, history ? 100 : 300);
        var after = Long(q, "after");
        var before = Long(q, "before");
        var newestFirst = new List<Candle>(limit);
        var open = Floor((after ?? nowMs + 1) - 1, barMs);
        open = Math.Min(open, Floor(nowMs, barMs));
        for (; newestFirst.Count < limit && open > (before ?? long.MinValue); open -= barMs)
        {
            if (!tape.TryCandle(open, barMs, nowMs, out var c)) break;
            newestFirst.Add(c);
        }
        newestFirst.Reverse();
        var lastConfirmed = newestFirst.Count == 0 || newestFirst[^1].OpenTimeMs + barMs <= nowMs;
        await HistoryResponder.WriteAsync(http, w =>
        {
            OkxRestWriter.BeginOk(w);
            OkxRestWriter.Candles(w, market, newestFirst, lastConfirmed);
            OkxRestWriter.EndOk(w);
        }, Drop(Venue.Okx));
    }

    /// <summary>
    /// OKX history-trades: type 1 (default) pages by trade id, type 2 by ts; <c>after</c> = older than, <c>before</c>
    /// = newer than; newest first, limit ≤ 100.
    /// </summary>
    public async Task OkxHistoryTrades(HttpContext http, long nowMs)
    {
        var q = http.Request.Query;
        var instId = q["instId"].ToString();
        if (instId.Length == 0)
        {
            await OkxError(http, 400, "50014", "Parameter instId can not be empty.");
            return;
        }
        var tape = Tapes.Find(Venue.Okx, instId);
        if (tape is null)
        {
            await OkxError(http, 200, "51001", "Instrument ID does not exist");
            return;
        }
        var byTime = q["type"].ToString() == "2";
        var limit = Limit(q, 100, 100);
        var after = Long(q, "after");
        var before = Long(q, "before");
        // Newest trade to consider: the one just older than "after" (id or ts), else the newest before now.
        var trades = new List<HistoryTrade>(limit);
        var minute = byTime || after is null
            ? HistoryTape.MinuteOf(Math.Min(nowMs, (byTime ? after : null) ?? nowMs))
            : HistoryTape.MinuteOfId(Math.Max(1, after.Value - 1), tape.TradesPerMinute);
        var scratch = new List<HistoryTrade>(tape.TradesPerMinute);
        for (var guard = 0; trades.Count < limit && guard < 100_000; guard++, minute--)
        {
            scratch.Clear();
            tape.TradesOfMinute(minute, scratch);
            for (var i = scratch.Count - 1; i >= 0 && trades.Count < limit; i--)
            {
                var t = scratch[i];
                if (t.TimeMs >= nowMs) continue;
                if (after is { } a && (byTime ? t.TimeMs >= a : t.Id >= a)) continue;
                if (before is { } b && (byTime ? t.TimeMs <= b : t.Id <= b)) goto done;
                trades.Add(t);
            }
        }
    done:
        var spec = tape.Spec;
        await HistoryResponder.WriteAsync(http, w =>
        {
            OkxRestWriter.BeginOk(w);
            foreach (var t in trades)
            {
                w.WriteStartObject();
                w.WriteString("instId", spec.Symbol);
                w.WriteString("side", t.BuyerIsMaker ? "sell" : "buy");
                w.WritePropertyName("sz");
                WireJson.Decimal(w, t.Quantity, spec.QuantityScale, OkxWire.Style);
                w.WritePropertyName("px");
                WireJson.Decimal(w, t.Price, spec.PriceScale, OkxWire.Style);
                w.WritePropertyName("tradeId");
                WireJson.IntegerString(w, t.Id);
                w.WritePropertyName("ts");
                WireJson.IntegerString(w, t.TimeMs);
                w.WriteEndObject();
            }
            OkxRestWriter.EndOk(w);
        }, Drop(Venue.Okx));
    }

    private static Task OkxError(HttpContext http, int status, string code, string message) =>
        Transport.RestResponder.WriteAsync(http, status, w => OkxRestWriter.Error(w, code, message));

    private static long Floor(long value, long unit) => value >= 0 ? value / unit * unit : -((-value + unit - 1) / unit * unit);

    private static long Ceil(long value, long unit) => -Floor(-value, unit);
}
