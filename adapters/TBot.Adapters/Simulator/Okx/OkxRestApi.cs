using System.Globalization;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Transport;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>
/// OKX REST: /api/v5/market/ticker, tickers, books, candles, history-candles, /api/v5/public/instruments and
/// time. Business errors use the {"code":"51001",..,"data":[]} envelope; an injected 429 answers code 50011.
/// </summary>
internal sealed class OkxRestApi
{
    private readonly SimulatorContext _ctx;

    public OkxRestApi(SimulatorContext ctx) => _ctx = ctx;

    private MarketModel Model => _ctx.Model;

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (_ctx.Faults.ShouldInject(FaultKind.RateLimit429, Venue.Okx))
        {
            http.Response.Headers.RetryAfter = _ctx.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await RestResponder.WriteAsync(http, 429, w =>
            {
                w.WriteStartObject();
                w.WriteString("msg", "Too Many Requests");
                w.WriteString("code", "50011");
                w.WriteEndObject();
            });
            return;
        }
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await Error(http, 405, "50000", "Method not allowed.");
            return;
        }
        var q = http.Request.Query;
        var nowNs = WireTime.NowNs();
        switch (path)
        {
            case "/api/v5/public/time":
                await RestResponder.WriteAsync(http, 200, w =>
                {
                    OkxRestWriter.BeginOk(w);
                    w.WriteStartObject();
                    w.WriteString("ts", WireTime.ToUnixMs(nowNs).ToString(CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                    OkxRestWriter.EndOk(w);
                });
                return;
            case "/api/v5/market/ticker":
                {
                    var m = await Instrument(http, q["instId"]);
                    if (m is null) return;
                    await Ok(http, w => OkxTickerWriter.WriteTicker(w, m, System.Text.Json.JsonEncodedText.Encode(m.Spec.Symbol), nowNs, crossed: false));
                    return;
                }
            case "/api/v5/market/tickers":
                if (q["instType"].ToString() is not "SPOT")
                {
                    await Error(http, 400, "51000", "Parameter instType error");
                    return;
                }
                await Ok(http, w =>
                {
                    foreach (var m in Model.MarketsOf(Venue.Okx)) OkxTickerWriter.WriteTicker(w, m, System.Text.Json.JsonEncodedText.Encode(m.Spec.Symbol), nowNs, crossed: false);
                });
                return;
            case "/api/v5/market/books":
                {
                    var m = await Instrument(http, q["instId"]);
                    if (m is null) return;
                    var sz = 1;
                    if (q["sz"].ToString() is { Length: > 0 } szText && (!int.TryParse(szText, NumberStyles.None, CultureInfo.InvariantCulture, out sz) || sz < 1))
                    {
                        await Error(http, 400, "51000", "Parameter sz error");
                        return;
                    }
                    sz = Math.Min(sz, 400);
                    await Ok(http, w => OkxRestWriter.Book(w, m, sz, nowNs));
                    return;
                }
            case "/api/v5/market/candles":
            case "/api/v5/market/history-candles":
                await Candles(http, nowNs, history: path.EndsWith("history-candles", StringComparison.Ordinal));
                return;
            case "/api/v5/market/history-trades":
                await _ctx.HistoryApi.OkxHistoryTrades(http, WireTime.ToUnixMs(nowNs));
                return;
            case "/api/v5/public/instruments":
                {
                    if (q["instType"].ToString() is not { Length: > 0 } instType)
                    {
                        await Error(http, 400, "50014", "Parameter instType can not be empty.");
                        return;
                    }
                    var instId = q["instId"].ToString();
                    var markets = instType == "SPOT"
                        ? Model.MarketsOf(Venue.Okx).Where(m => instId.Length == 0 || m.Spec.Symbol == instId).ToList()
                        : [];
                    await Ok(http, w =>
                    {
                        foreach (var m in markets) OkxRestWriter.Instrument(w, m);
                    });
                    return;
                }
            default:
                await Error(http, 404, "50000", $"Unknown endpoint {path}.");
                return;
        }
    }

    private Task Ok(HttpContext http, Action<System.Text.Json.Utf8JsonWriter> writeData) =>
        RestResponder.WriteLockedAsync(http, Model.SyncRoot, 200, w =>
        {
            OkxRestWriter.BeginOk(w);
            writeData(w);
            OkxRestWriter.EndOk(w);
        });

    private static Task Error(HttpContext http, int status, string code, string message) =>
        RestResponder.WriteAsync(http, status, w => OkxRestWriter.Error(w, code, message));

    private async Task<InstrumentMarket?> Instrument(HttpContext http, string? instId)
    {
        if (string.IsNullOrEmpty(instId))
        {
            await Error(http, 400, "50014", "Parameter instId can not be empty.");
            return null;
        }
        var m = Model.Find(Venue.Okx, instId);
        if (m is null) await Error(http, 200, "51001", "Instrument ID does not exist");
        return m;
    }

    private async Task Candles(HttpContext http, long nowNs, bool history)
    {
        var q = http.Request.Query;
        var m = await Instrument(http, q["instId"]);
        if (m is null) return;
        var bar = q["bar"].ToString();
        var barMs = OkxRestWriter.BarMs(bar.Length == 0 ? "1m" : bar);
        if (barMs == 0)
        {
            await Error(http, 400, "51000", "Parameter bar error");
            return;
        }
        if (History.HistoryRestApi.IsOkxHistoryCandles(q))
        {
            await _ctx.HistoryApi.OkxCandles(http, m, barMs, history, WireTime.ToUnixMs(nowNs));
            return;
        }
        var limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, history ? 100 : 300) : 100;
        // "after" = records older than this ts (pagination backwards).
        var endMs = WireTime.ToUnixMs(nowNs);
        if (long.TryParse(q["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var after)) endMs = Math.Min(endMs, after - 1);
        var bars = new List<Candle>(limit);
        lock (Model.SyncRoot) CandleSynthesizer.Synthesize(m, _ctx.Options.Seed, barMs, endMs, limit, bars);
        if (long.TryParse(q["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var before)) bars.RemoveAll(b => b.OpenTimeMs <= before);
        var confirmedAll = history || endMs < WireTime.ToUnixMs(nowNs) - barMs;
        await RestResponder.WriteAsync(http, 200, w =>
        {
            OkxRestWriter.BeginOk(w);
            OkxRestWriter.Candles(w, m, bars, confirmedAll);
            OkxRestWriter.EndOk(w);
        });
    }
}
