using System.Globalization;
using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// market_trades: {"type":"snapshot"|"update","trades":[{"trade_id":"..","product_id","price","size","side","time"}]}.
/// trade_id is a string; side is the MAKER's side (BUY when a seller hit the bid), as the docs define it.
/// </summary>
internal static class CoinbaseMarketTradesWriter
{
    private static readonly JsonEncodedText ChannelName = JsonEncodedText.Encode("market_trades");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Trades = JsonEncodedText.Encode("trades");
    private static readonly JsonEncodedText TradeId = JsonEncodedText.Encode("trade_id");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText Size = JsonEncodedText.Encode("size");
    private static readonly JsonEncodedText SideName = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Buy = JsonEncodedText.Encode("BUY");
    private static readonly JsonEncodedText Sell = JsonEncodedText.Encode("SELL");
    private static readonly JsonEncodedText Snapshot = JsonEncodedText.Encode("snapshot");
    private static readonly JsonEncodedText Update = JsonEncodedText.Encode("update");

    /// <summary>The step's trades as one update.</summary>
    public static void WriteUpdate(Utf8JsonWriter w, MarketStep step, JsonEncodedText product, long timeNs, long sequenceNum)
    {
        Begin(w, Update, timeNs, sequenceNum);
        foreach (ref readonly var t in step.Trades) Trade(w, step.Market, t, product, timeNs);
        End(w);
    }

    /// <summary>The most recent trades, newest first (sent after subscribing).</summary>
    public static void WriteSnapshot(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText product, long timeNs, long sequenceNum, int max)
    {
        Begin(w, Snapshot, timeNs, sequenceNum);
        var n = Math.Min(max, m.RecentTradeCount);
        for (var i = 0; i < n; i++)
        {
            var t = m.RecentTrade(i);
            Trade(w, m, t, product, t.TimeNs == 0 ? timeNs : t.TimeNs);
        }
        End(w);
    }

    private static void Begin(Utf8JsonWriter w, JsonEncodedText type, long timeNs, long sequenceNum)
    {
        CoinbaseEnvelopeWriter.Begin(w, ChannelName, timeNs, sequenceNum);
        w.WriteStartObject();
        w.WriteString(Type, type);
        w.WriteStartArray(Trades);
    }

    private static void End(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
        CoinbaseEnvelopeWriter.End(w);
    }

    private static void Trade(Utf8JsonWriter w, InstrumentMarket m, in TradePrint t, JsonEncodedText product, long timeNs)
    {
        w.WriteStartObject();
        Span<byte> id = stackalloc byte[20];
        t.TradeId.TryFormat(id, out var n, default, CultureInfo.InvariantCulture);
        WireJson.Ascii(w, TradeId, id[..n]);
        w.WriteString(ProductId, product);
        CoinbaseWire.Price(w, Price, m, t.Price);
        CoinbaseWire.Size(w, Size, m, t.Quantity);
        w.WriteString(SideName, t.Aggressor == Side.Buy ? Sell : Buy);
        WireJson.Rfc3339(w, Time, timeNs, 6);
        w.WriteEndObject();
    }
}
