using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Transport;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>
/// Binance REST: /api/v3/ping, time, exchangeInfo, depth (lastUpdateId consistent with the depth stream: it
/// is the id of the last diff already queued), ticker/bookTicker, klines, and the signed order and account endpoints.
/// Every response carries X-MBX-USED-WEIGHT-1M; an injected 429 carries Retry-After.
/// </summary>
internal sealed class BinanceRestApi
{
    private readonly SimulatorContext _ctx;
    private readonly BinanceOrderApi _orders;
    private readonly BinanceRestWeight _weight = new();

    public BinanceRestApi(SimulatorContext ctx)
    {
        _ctx = ctx;
        _orders = new BinanceOrderApi(ctx);
    }

    private MarketModel Model => _ctx.Model;

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var method = http.Request.Method;
        var nowMs = WireTime.ToUnixMs(WireTime.NowNs());
        http.Response.Headers["X-MBX-USED-WEIGHT-1M"] = _weight.Add(WeightOf(path, http.Request.Query["limit"]), nowMs).ToString(CultureInfo.InvariantCulture);

        if (_ctx.Faults.ShouldInject(FaultKind.RateLimit429, Venue.Binance))
        {
            http.Response.Headers.RetryAfter = _ctx.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Error(http, 429, -1003, "Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use the websocket for live updates to avoid polling the API.");
            return;
        }

        switch (path)
        {
            case "/api/v3/ping" when HttpMethods.IsGet(method):
                await RestResponder.WriteAsync(http, 200, w =>
                {
                    w.WriteStartObject();
                    w.WriteEndObject();
                });
                return;
            case "/api/v3/time" when HttpMethods.IsGet(method):
                var serverMs = BinanceServerTime.NowMs(_ctx.Options);
                await RestResponder.WriteAsync(http, 200, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("serverTime", serverMs);
                    w.WriteEndObject();
                });
                return;
            case "/api/v3/exchangeInfo" when HttpMethods.IsGet(method):
                await ExchangeInfo(http, BinanceServerTime.NowMs(_ctx.Options));
                return;
            case "/api/v3/depth" when HttpMethods.IsGet(method):
                await Depth(http);
                return;
            case "/api/v3/ticker/bookTicker" when HttpMethods.IsGet(method):
                await BookTicker(http);
                return;
            case "/api/v3/aggTrades" when HttpMethods.IsGet(method):
                await _ctx.HistoryApi.BinanceAggTrades(http, nowMs);
                return;
            case "/api/v3/klines" when HttpMethods.IsGet(method):
                await Klines(http, nowMs);
                return;
            case "/api/v3/order" or "/api/v3/order/test" or "/api/v3/openOrders" or "/api/v3/account":
                await _orders.HandleAsync(http, path);
                return;
            default:
                await Error(http, 404, -1000, $"Unknown endpoint {method} {path}.");
                return;
        }
    }

    private static int WeightOf(string path, string? limitText)
    {
        if (path != "/api/v3/depth") return path is "/api/v3/exchangeInfo" or "/api/v3/account" ? 20 : path is "/api/v3/ticker/bookTicker" or "/api/v3/aggTrades" ? 2 : 1;
        var limit = int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 100;
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    internal static Task Error(HttpContext http, int status, int code, string message) =>
        RestResponder.WriteAsync(http, status, w => BinanceErrorWriter.Write(w, code, message));

    internal static Task MissingParameter(HttpContext http, string name) =>
        Error(http, 400, -1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    private bool TryMarket(string? symbol, [NotNullWhen(true)] out InstrumentMarket? market)
    {
        market = symbol is null ? null : Model.Find(Venue.Binance, symbol);
        return market is not null;
    }

    private async Task Depth(HttpContext http)
    {
        var symbol = http.Request.Query["symbol"].ToString();
        if (symbol.Length == 0)
        {
            await MissingParameter(http, "symbol");
            return;
        }
        if (!TryMarket(symbol, out var market))
        {
            await Error(http, 400, -1121, "Invalid symbol.");
            return;
        }
        var limitText = http.Request.Query["limit"].ToString();
        var limit = 100;
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            await Error(http, 400, -1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
            return;
        }
        limit = Math.Min(limit, 5000);
        // Rendered under the model lock: lastUpdateId is the u of the last diff already queued to subscribers.
        await RestResponder.WriteLockedAsync(http, Model.SyncRoot, 200, w => BinancePartialDepthWriter.Write(w, market, limit));
    }

    private async Task BookTicker(HttpContext http)
    {
        var symbol = http.Request.Query["symbol"].ToString();
        var symbolsText = http.Request.Query["symbols"].ToString();
        if (symbol.Length > 0)
        {
            if (!TryMarket(symbol, out var market))
            {
                await Error(http, 400, -1121, "Invalid symbol.");
                return;
            }
            await RestResponder.WriteLockedAsync(http, Model.SyncRoot, 200, w => BinanceBookTickerRestWriter.Write(w, market));
            return;
        }
        var markets = new List<InstrumentMarket>();
        if (symbolsText.Length > 0)
        {
            string[]? names;
            try
            {
                names = JsonSerializer.Deserialize(symbolsText, SimulatorJsonContext.Default.StringArray);
            }
            catch (JsonException)
            {
                names = null;
            }
            if (names is null)
            {
                await Error(http, 400, -1100, "Illegal characters found in parameter 'symbols'.");
                return;
            }
            foreach (var n in names)
            {
                if (!TryMarket(n, out var m))
                {
                    await Error(http, 400, -1121, "Invalid symbol.");
                    return;
                }
                markets.Add(m);
            }
        }
        else
        {
            markets.AddRange(Model.MarketsOf(Venue.Binance));
        }
        await RestResponder.WriteLockedAsync(http, Model.SyncRoot, 200, w =>
        {
            w.WriteStartArray();
            foreach (var m in markets) BinanceBookTickerRestWriter.Write(w, m);
            w.WriteEndArray();
        });
    }

    private async Task Klines(HttpContext http, long nowMs)
    {
        var q = http.Request.Query;
        var symbol = q["symbol"].ToString();
        var interval = q["interval"].ToString();
        if (symbol.Length == 0)
        {
            await MissingParameter(http, "symbol");
            return;
        }
        if (interval.Length == 0)
        {
            await MissingParameter(http, "interval");
            return;
        }
        if (!TryMarket(symbol, out var market))
        {
            await Error(http, 400, -1121, "Invalid symbol.");
            return;
        }
        var intervalMs = BinanceKlinesWriter.IntervalMs(interval);
        if (intervalMs == 0)
        {
            await Error(http, 400, -1120, "Invalid interval.");
            return;
        }
        if (History.HistoryRestApi.IsBinanceHistoryKlines(q))
        {
            await _ctx.HistoryApi.BinanceKlines(http, market, intervalMs, nowMs);
            return;
        }
        var limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 1000) : 500;
        long? start = long.TryParse(q["startTime"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        long? end = long.TryParse(q["endTime"], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;
        var endMs = Math.Min(nowMs, end ?? (start is { } st ? st + (long)(limit - 1) * intervalMs : nowMs));
        var bars = new List<Candle>(limit);
        lock (Model.SyncRoot) CandleSynthesizer.Synthesize(market, _ctx.Options.Seed, intervalMs, endMs, limit, bars);
        if (start is { } startMs) bars.RemoveAll(b => b.OpenTimeMs + intervalMs <= startMs);
        await RestResponder.WriteAsync(http, 200, w => BinanceKlinesWriter.Write(w, market, bars, intervalMs));
    }

    private async Task ExchangeInfo(HttpContext http, long nowMs)
    {
        var symbol = http.Request.Query["symbol"].ToString();
        var symbolsText = http.Request.Query["symbols"].ToString();
        var markets = new List<InstrumentMarket>();
        var names = symbol.Length > 0 ? [symbol] : symbolsText.Length > 0 ? TryParseArray(symbolsText) : null;
        if (symbolsText.Length > 0 && names is null)
        {
            await Error(http, 400, -1100, "Illegal characters found in parameter 'symbols'.");
            return;
        }
        if (names is not null)
        {
            foreach (var n in names)
            {
                if (!TryMarket(n, out var m))
                {
                    await Error(http, 400, -1121, "Invalid symbol.");
                    return;
                }
                markets.Add(m);
            }
        }
        else
        {
            markets.AddRange(Model.MarketsOf(Venue.Binance));
        }
        await RestResponder.WriteAsync(http, 200, w => BinanceExchangeInfoWriter.Write(w, markets, nowMs));
    }

    private static string[]? TryParseArray(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, SimulatorJsonContext.Default.StringArray);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
