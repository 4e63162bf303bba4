using System.Text;
using TBot.Adapters.Binance;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// The parameter strings of the trading endpoints, from engine orders: prices and quantities written from their
/// mantissas at the instrument's scales (plain decimals, no exponent), LIMIT with GTC/IOC, post-only as
/// LIMIT_MAKER, MARKET by base quantity, and newOrderRespType=FULL so fills come back with the answer.
/// </summary>
public static class BinanceOrderParameters
{
    /// <summary>POST /api/v3/order parameters, or null when the order cannot be expressed (unknown type/side).</summary>
    public static string? NewOrder(in Order order, Instrument instrument, string clientOrderId)
    {
        var side = order.Side switch
        {
            Side.Buy => "BUY",
            Side.Sell => "SELL",
            _ => null,
        };
        if (side is null || order.Quantity <= 0) return null;
        var sb = new StringBuilder(192);
        sb.Append("symbol=").Append(BinanceSigner.Encode(instrument.Symbol)).Append("&side=").Append(side);
        switch (order.Type)
        {
            case OrderType.Market:
                sb.Append("&type=MARKET");
                break;
            case OrderType.Limit when order.Price > 0:
                switch (order.TimeInForce)
                {
                    case TimeInForce.Gtc:
                        sb.Append("&type=LIMIT&timeInForce=GTC");
                        break;
                    case TimeInForce.Ioc:
                        sb.Append("&type=LIMIT&timeInForce=IOC");
                        break;
                    case TimeInForce.PostOnly:
                        sb.Append("&type=LIMIT_MAKER");
                        break;
                    default:
                        return null;
                }
                sb.Append("&price=").Append(FixedPoint.ToDecimalString(order.Price, instrument.PriceScale));
                break;
            default:
                return null;
        }
        sb.Append("&quantity=").Append(FixedPoint.ToDecimalString(order.Quantity, instrument.QuantityScale));
        sb.Append("&newClientOrderId=").Append(BinanceSigner.Encode(clientOrderId));
        sb.Append("&newOrderRespType=FULL");
        return sb.ToString();
    }

    /// <summary>GET/DELETE /api/v3/order by client order id.</summary>
    public static string ByClientId(string symbol, string clientOrderId) =>
        "symbol=" + BinanceSigner.Encode(symbol) + "&origClientOrderId=" + BinanceSigner.Encode(clientOrderId);

    /// <summary>GET/DELETE /api/v3/order by venue order id.</summary>
    public static string ByOrderId(string symbol, long orderId) =>
        "symbol=" + BinanceSigner.Encode(symbol) + "&orderId=" + orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Symbol(string symbol) => "symbol=" + BinanceSigner.Encode(symbol);
}
