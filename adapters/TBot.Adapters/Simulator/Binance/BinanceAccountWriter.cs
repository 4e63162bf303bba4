using System.Text.Json;
using TBot.Adapters.Simulator.Orders;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>GET /api/v3/account in Binance's shape: commissions, permissions and the balances (8-decimal strings).</summary>
internal static class BinanceAccountWriter
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<SimBalance> balances, long nowMs)
    {
        w.WriteStartObject();
        w.WriteNumber("makerCommission", 0);
        w.WriteNumber("takerCommission", 0);
        w.WriteNumber("buyerCommission", 0);
        w.WriteNumber("sellerCommission", 0);
        w.WriteStartObject("commissionRates");
        w.WriteString("maker", "0.00000000");
        w.WriteString("taker", "0.00000000");
        w.WriteString("buyer", "0.00000000");
        w.WriteString("seller", "0.00000000");
        w.WriteEndObject();
        w.WriteBoolean("canTrade", true);
        w.WriteBoolean("canWithdraw", true);
        w.WriteBoolean("canDeposit", true);
        w.WriteBoolean("brokered", false);
        w.WriteBoolean("requireSelfTradePrevention", false);
        w.WriteBoolean("preventSor", false);
        w.WriteNumber("updateTime", nowMs);
        w.WriteString("accountType", "SPOT");
        w.WriteStartArray("balances");
        foreach (var b in balances)
        {
            w.WriteStartObject();
            w.WriteString("asset", b.Asset);
            WireJson.Decimal(w, JsonEncodedText.Encode("free"), b.Free, SimAccount.Scale, BinanceWire.Style);
            WireJson.Decimal(w, JsonEncodedText.Encode("locked"), b.Locked, SimAccount.Scale, BinanceWire.Style);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteStringValue("SPOT");
        w.WriteEndArray();
        w.WriteNumber("uid", 354937868);
        w.WriteEndObject();
    }
}
