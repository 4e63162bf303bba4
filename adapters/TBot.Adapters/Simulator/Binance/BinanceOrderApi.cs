using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Orders;
using TBot.Adapters.Simulator.Signing;
using TBot.Adapters.Simulator.Transport;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>
/// Signed Binance order endpoints (POST/DELETE/GET /api/v3/order, POST /api/v3/order/test, GET
/// /api/v3/openOrders, GET /api/v3/account). Checks, in Binance's order: API key (-2014/-2015), timestamp and
/// recvWindow (-1021, against the possibly skewed server clock), signature (-1022), then parameters and filters
/// (-1102, -1121, -1013, -1111 ...). Placement runs on the pump thread because taker orders consume the public
/// book. Faults: <see cref="FaultKind.DropOrderRequest"/> aborts a new-order POST before placing it,
/// <see cref="FaultKind.DropOrderResponse"/> places it and then aborts instead of answering.
/// </summary>
internal sealed class BinanceOrderApi
{
    private readonly SimulatorContext _ctx;
    private readonly HmacSha256Signer _signer;
    private long _ordersThisDay;

    public BinanceOrderApi(SimulatorContext ctx)
    {
        _ctx = ctx;
        _signer = new HmacSha256Signer(ctx.Options.ApiSecret);
    }

    public async Task HandleAsync(HttpContext http, string path)
    {
        var method = http.Request.Method;
        string? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        var p = RequestParameters.Parse(http.Request.QueryString.Value, body);
        var nowMs = BinanceServerTime.NowMs(_ctx.Options);

        var key = http.Request.Headers["X-MBX-APIKEY"].ToString();
        if (key.Length == 0)
        {
            await BinanceRestApi.Error(http, 401, -2014, "API-key format invalid.");
            return;
        }
        if (!string.Equals(key, _ctx.Options.ApiKey, StringComparison.Ordinal))
        {
            await BinanceRestApi.Error(http, 401, -2015, "Invalid API-key, IP, or permissions for action.");
            return;
        }
        if (!long.TryParse(p["timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            await BinanceRestApi.MissingParameter(http, "timestamp");
            return;
        }
        // Microsecond timestamps are allowed too.
        if (timestamp > 100_000_000_000_000L) timestamp /= 1000;
        var recvWindow = 5000L;
        if (p["recvWindow"] is { } rw && (!long.TryParse(rw, NumberStyles.None, CultureInfo.InvariantCulture, out recvWindow) || recvWindow > 60_000))
        {
            await BinanceRestApi.Error(http, 400, -1131, "recvWindow must be less than 60000");
            return;
        }
        if (nowMs - timestamp > recvWindow || timestamp - nowMs > 1000)
        {
            await BinanceRestApi.Error(http, 400, -1021, "Timestamp for this request is outside of the recvWindow.");
            return;
        }
        if (p.Signature is null)
        {
            await BinanceRestApi.MissingParameter(http, "signature");
            return;
        }
        if (!_signer.Verify(p.SignedPayload, p.Signature))
        {
            await BinanceRestApi.Error(http, 400, -1022, "Signature for this request is not valid.");
            return;
        }

        switch (path)
        {
            case "/api/v3/order" when HttpMethods.IsPost(method):
                await NewOrder(http, p, nowMs, test: false);
                return;
            case "/api/v3/order/test" when HttpMethods.IsPost(method):
                await NewOrder(http, p, nowMs, test: true);
                return;
            case "/api/v3/order" when HttpMethods.IsDelete(method):
                await Cancel(http, p, nowMs);
                return;
            case "/api/v3/order" when HttpMethods.IsGet(method):
                await Query(http, p);
                return;
            case "/api/v3/openOrders" when HttpMethods.IsGet(method):
                await OpenOrders(http, p);
                return;
            case "/api/v3/account" when HttpMethods.IsGet(method):
                var balances = _ctx.Orders.Balances();
                await RestResponder.WriteAsync(http, 200, w => BinanceAccountWriter.Write(w, balances, nowMs));
                return;
            default:
                await BinanceRestApi.Error(http, 405, -1000, $"Method {method} not allowed on {path}.");
                return;
        }
    }

    private InstrumentMarket? Market(string? symbol) => symbol is null ? null : _ctx.Model.Find(Venue.Binance, symbol);

    private async Task NewOrder(HttpContext http, RequestParameters p, long nowMs, bool test)
    {
        if (!test && p["newClientOrderId"] is { } submittedId) _ctx.Orders.RecordSubmission(submittedId);
        var symbol = p["symbol"];
        if (symbol is null)
        {
            await BinanceRestApi.MissingParameter(http, "symbol");
            return;
        }
        var market = Market(symbol);
        if (market is null)
        {
            await BinanceRestApi.Error(http, 400, -1121, "Invalid symbol.");
            return;
        }
        Side side;
        switch (p["side"])
        {
            case null:
                await BinanceRestApi.MissingParameter(http, "side");
                return;
            case "BUY":
                side = Side.Buy;
                break;
            case "SELL":
                side = Side.Sell;
                break;
            default:
                await BinanceRestApi.Error(http, 400, -1117, "Invalid side.");
                return;
        }
        SimOrderType type;
        switch (p["type"])
        {
            case null:
                await BinanceRestApi.MissingParameter(http, "type");
                return;
            case "LIMIT":
                type = SimOrderType.Limit;
                break;
            case "MARKET":
                type = SimOrderType.Market;
                break;
            case "LIMIT_MAKER":
                type = SimOrderType.LimitMaker;
                break;
            default:
                await BinanceRestApi.Error(http, 400, -1116, "Invalid orderType.");
                return;
        }
        var tif = SimTimeInForce.Gtc;
        if (type == SimOrderType.Limit)
        {
            switch (p["timeInForce"])
            {
                case null:
                    await BinanceRestApi.MissingParameter(http, "timeInForce");
                    return;
                case "GTC":
                    break;
                case "IOC":
                    tif = SimTimeInForce.Ioc;
                    break;
                case "FOK":
                    tif = SimTimeInForce.Fok;
                    break;
                default:
                    await BinanceRestApi.Error(http, 400, -1115, "Invalid timeInForce.");
                    return;
            }
        }

        var spec = market.Spec;
        long price = 0, quantity = 0, quoteQuantity = 0;
        if (type != SimOrderType.Market)
        {
            if (p["price"] is not { } priceText)
            {
                await BinanceRestApi.MissingParameter(http, "price");
                return;
            }
            if (!TryAmount(priceText, spec.PriceScale, out price))
            {
                await BinanceRestApi.Error(http, 400, -1111, "Precision is over the maximum defined for this asset.");
                return;
            }
            if (price <= 0 || price % spec.TickSize != 0)
            {
                await BinanceRestApi.Error(http, 400, -1013, "Filter failure: PRICE_FILTER");
                return;
            }
        }
        var quantityText = p["quantity"];
        var quoteText = p["quoteOrderQty"];
        if (quantityText is null && (type != SimOrderType.Market || quoteText is null))
        {
            await BinanceRestApi.MissingParameter(http, "quantity");
            return;
        }
        if (quantityText is not null)
        {
            if (!TryAmount(quantityText, spec.QuantityScale, out quantity))
            {
                await BinanceRestApi.Error(http, 400, -1111, "Precision is over the maximum defined for this asset.");
                return;
            }
            if (quantity <= 0 || quantity % spec.StepSize != 0)
            {
                await BinanceRestApi.Error(http, 400, -1013, "Filter failure: LOT_SIZE");
                return;
            }
        }
        else if (!TryAmount(quoteText!, spec.PriceScale, out quoteQuantity) || quoteQuantity <= 0)
        {
            await BinanceRestApi.Error(http, 400, -1013, "Filter failure: NOTIONAL");
            return;
        }
        var responseType = type == SimOrderType.LimitMaker ? SimResponseType.Ack : SimResponseType.Full;
        switch (p["newOrderRespType"])
        {
            case null:
                break;
            case "ACK":
                responseType = SimResponseType.Ack;
                break;
            case "RESULT":
                responseType = SimResponseType.Result;
                break;
            case "FULL":
                responseType = SimResponseType.Full;
                break;
            default:
                await BinanceRestApi.Error(http, 400, -1100, "Illegal characters found in parameter 'newOrderRespType'.");
                return;
        }
        var clientId = p["newClientOrderId"];
        if (clientId is { Length: > 36 })
        {
            await BinanceRestApi.Error(http, 400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
            return;
        }

        if (test)
        {
            await RestResponder.WriteAsync(http, 200, w =>
            {
                w.WriteStartObject();
                w.WriteEndObject();
            });
            return;
        }

        if (_ctx.Faults.ShouldInject(FaultKind.DropOrderRequest, Venue.Binance))
        {
            http.Abort(); // lost on the way in: nothing is placed
            return;
        }
        var request = new OrderRequest(market, side, type, tif, price, quantity, quoteQuantity, clientId, nowMs);
        OrderPlacement placement;
        try
        {
            placement = await _ctx.Pump.InvokeAsync(() => _ctx.Orders.Place(request, _ctx.Model, WireTime.NowNs(), Publish));
        }
        catch (TaskCanceledException)
        {
            await BinanceRestApi.Error(http, 503, -1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
            return;
        }
        var orderCount = Interlocked.Increment(ref _ordersThisDay);
        http.Response.Headers["X-MBX-ORDER-COUNT-10S"] = "1";
        http.Response.Headers["X-MBX-ORDER-COUNT-1D"] = orderCount.ToString(CultureInfo.InvariantCulture);
        if (placement.Order is not { } order)
        {
            await BinanceRestApi.Error(http, 400, placement.ErrorCode, placement.ErrorMessage!);
            return;
        }
        if (_ctx.Faults.ShouldInject(FaultKind.DropOrderResponse, Venue.Binance))
        {
            http.Abort(); // placed, but the client never hears about it
            return;
        }
        await RestResponder.WriteAsync(http, 200, w => BinanceOrderWriter.NewOrder(w, order, responseType, nowMs));
    }

    /// <summary>Book changes and trades of a taker order go to the feeds like any other step (pump thread).</summary>
    private void Publish(MarketStep step)
    {
        var feeds = _ctx.FeedsByVenue[(int)step.Market.Instrument.Venue];
        foreach (var feed in feeds) feed.OnStep(step);
    }

    private static bool TryAmount(string text, int scale, out long value) =>
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out value);

    private async Task<SimOrder?> FindOrder(HttpContext http, RequestParameters p)
    {
        var symbol = p["symbol"];
        if (symbol is null)
        {
            await BinanceRestApi.MissingParameter(http, "symbol");
            return null;
        }
        var market = Market(symbol);
        if (market is null)
        {
            await BinanceRestApi.Error(http, 400, -1121, "Invalid symbol.");
            return null;
        }
        var hasId = long.TryParse(p["orderId"], NumberStyles.None, CultureInfo.InvariantCulture, out var orderId);
        var clientId = p["origClientOrderId"];
        if (!hasId && clientId is null)
        {
            await BinanceRestApi.Error(http, 400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
            return null;
        }
        var order = _ctx.Orders.Find(market, hasId ? orderId : 0, clientId);
        if (order is null) await BinanceRestApi.Error(http, 400, -2013, "Order does not exist.");
        return order;
    }

    private async Task Cancel(HttpContext http, RequestParameters p, long nowMs)
    {
        var order = await FindOrder(http, p);
        if (order is null) return;
        if (!_ctx.Orders.TryCancel(order, nowMs))
        {
            await BinanceRestApi.Error(http, 400, -2011, "Unknown order sent.");
            return;
        }
        var cancelId = p["newClientOrderId"] ?? "cancel" + order.OrderId.ToString(CultureInfo.InvariantCulture);
        await RestResponder.WriteAsync(http, 200, w => BinanceOrderWriter.Canceled(w, order, cancelId, nowMs));
    }

    private async Task Query(HttpContext http, RequestParameters p)
    {
        var order = await FindOrder(http, p);
        if (order is null) return;
        await RestResponder.WriteAsync(http, 200, w => BinanceOrderWriter.Query(w, order));
    }

    private async Task OpenOrders(HttpContext http, RequestParameters p)
    {
        InstrumentMarket? market = null;
        if (p["symbol"] is { } symbol && (market = Market(symbol)) is null)
        {
            await BinanceRestApi.Error(http, 400, -1121, "Invalid symbol.");
            return;
        }
        var open = _ctx.Orders.Open(market);
        await RestResponder.WriteAsync(http, 200, w =>
        {
            w.WriteStartArray();
            foreach (var o in open) BinanceOrderWriter.Query(w, o);
            w.WriteEndArray();
        });
    }
}
