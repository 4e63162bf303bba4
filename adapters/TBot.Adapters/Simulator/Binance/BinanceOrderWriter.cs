using System.Text.Json;
using TBot.Adapters.Simulator.Orders;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>Order responses in Binance's ACK / RESULT / FULL shapes, the cancel shape and the query shape.</summary>
internal static class BinanceOrderWriter
{
    public static void NewOrder(Utf8JsonWriter w, SimOrder o, SimResponseType type, long transactTimeMs)
    {
        w.WriteStartObject();
        w.WriteString("symbol", o.Symbol);
        w.WriteNumber("orderId", o.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteNumber("transactTime", transactTimeMs);
        if (type != SimResponseType.Ack)
        {
            Details(w, o);
            w.WriteNumber("workingTime", o.IsOpen || o.Status == SimOrderStatus.Filled ? transactTimeMs : -1);
            w.WriteString("selfTradePreventionMode", "NONE");
        }
        if (type == SimResponseType.Full)
        {
            var commissionAsset = o.Side == Side.Buy ? o.Market.Spec.Base : o.Market.Spec.Quote;
            w.WriteStartArray("fills");
            foreach (var f in o.Fills)
            {
                w.WriteStartObject();
                BinanceWire.Price(w, JsonEncodedText.Encode("price"), o.Market, f.Price);
                BinanceWire.Quantity(w, JsonEncodedText.Encode("qty"), o.Market, f.Quantity);
                w.WriteString("commission", "0.00000000");
                w.WriteString("commissionAsset", commissionAsset);
                w.WriteNumber("tradeId", f.TradeId);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void Canceled(Utf8JsonWriter w, SimOrder o, string cancelClientId, long transactTimeMs)
    {
        w.WriteStartObject();
        w.WriteString("symbol", o.Symbol);
        w.WriteString("origClientOrderId", o.ClientOrderId);
        w.WriteNumber("orderId", o.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", cancelClientId);
        w.WriteNumber("transactTime", transactTimeMs);
        Details(w, o);
        w.WriteString("selfTradePreventionMode", "NONE");
        w.WriteEndObject();
    }

    /// <summary>GET /api/v3/order and /api/v3/openOrders element.</summary>
    public static void Query(Utf8JsonWriter w, SimOrder o)
    {
        w.WriteStartObject();
        w.WriteString("symbol", o.Symbol);
        w.WriteNumber("orderId", o.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", o.ClientOrderId);
        Details(w, o);
        BinanceWire.Price(w, JsonEncodedText.Encode("stopPrice"), o.Market, 0);
        BinanceWire.Quantity(w, JsonEncodedText.Encode("icebergQty"), o.Market, 0);
        w.WriteNumber("time", o.TimeMs);
        w.WriteNumber("updateTime", o.UpdateTimeMs);
        w.WriteBoolean("isWorking", o.IsOpen);
        w.WriteNumber("workingTime", o.TimeMs);
        w.WriteString("selfTradePreventionMode", "NONE");
        w.WriteEndObject();
    }

    private static void Details(Utf8JsonWriter w, SimOrder o)
    {
        var m = o.Market;
        BinanceWire.Price(w, JsonEncodedText.Encode("price"), m, o.Price);
        BinanceWire.Quantity(w, JsonEncodedText.Encode("origQty"), m, o.OrigQuantity);
        BinanceWire.Quantity(w, JsonEncodedText.Encode("executedQty"), m, o.ExecutedQuantity);
        Wire.WireJson.Decimal(w, JsonEncodedText.Encode("origQuoteOrderQty"), o.OrigQuoteQuantity, m.Spec.PriceScale, BinanceWire.Style);
        Wire.WireJson.Decimal(w, JsonEncodedText.Encode("cummulativeQuoteQty"), o.CumulativeQuote, SimOrder.QuoteScale, BinanceWire.Style);
        w.WriteString("status", SimOrderNames.Status(o.Status));
        w.WriteString("timeInForce", SimOrderNames.TimeInForce(o.TimeInForce));
        w.WriteString("type", SimOrderNames.Type(o.Type));
        w.WriteString("side", o.Side == Side.Buy ? "BUY" : "SELL");
    }
}
