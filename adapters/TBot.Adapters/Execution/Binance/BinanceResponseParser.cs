using System.Text;
using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Reads the trading endpoints' JSON (order objects, arrays of them, the account's balances, error bodies) by
/// key, skipping keys it does not know. Returns false on anything malformed rather than throwing.
/// </summary>
public static class BinanceResponseParser
{
    public static bool TryParseOrder(ReadOnlySpan<byte> body, out BinanceOrderState state)
    {
        state = new BinanceOrderState();
        try
        {
            var reader = new Utf8JsonReader(body);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadOrder(ref reader, state);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>An array of order objects (GET /api/v3/openOrders).</summary>
    public static bool TryParseOrders(ReadOnlySpan<byte> body, List<BinanceOrderState> into)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray) return true;
                if (reader.TokenType != JsonTokenType.StartObject) return false;
                var s = new BinanceOrderState();
                if (!ReadOrder(ref reader, s)) return false;
                into.Add(s);
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>{"code":-2013,"msg":"Order does not exist."}.</summary>
    public static bool TryParseError(ReadOnlySpan<byte> body, out int code, out string message)
    {
        code = 0;
        message = "";
        var hasCode = false;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    hasCode = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out code);
                }
                else if (reader.ValueTextEquals("msg"u8))
                {
                    reader.Read();
                    message = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? "" : "";
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return hasCode;
    }

    /// <summary>The <c>balances</c> of GET /api/v3/account, at <see cref="AssetBalance.Scale"/> decimals.</summary>
    public static bool TryParseBalances(ReadOnlySpan<byte> body, List<AssetBalance> into)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("balances"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    string? asset = null;
                    BinanceDecimal free = default, locked = default;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("asset"u8)) asset = ReadString(ref reader);
                        else if (reader.ValueTextEquals("free"u8)) free = ReadDecimal(ref reader);
                        else if (reader.ValueTextEquals("locked"u8)) locked = ReadDecimal(ref reader);
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                    if (asset is null) return false;
                    into.Add(new AssetBalance(asset, free.ToScaleRounded(AssetBalance.Scale), locked.ToScaleRounded(AssetBalance.Scale)));
                }
                return reader.TokenType == JsonTokenType.EndArray;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return false;
        }
        return false;
    }

    /// <summary>Read the properties of an order object; the reader is on its StartObject and ends on its EndObject.</summary>
    private static bool ReadOrder(ref Utf8JsonReader reader, BinanceOrderState s)
    {
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return s.OrderId != 0 || s.ClientOrderId.Length > 0;
                if (reader.TokenType != JsonTokenType.PropertyName) return false;
                if (reader.ValueTextEquals("symbol"u8)) s.Symbol = ReadString(ref reader);
                else if (reader.ValueTextEquals("orderId"u8)) s.OrderId = ReadInt64(ref reader);
                else if (reader.ValueTextEquals("clientOrderId"u8)) s.ClientOrderId = ReadString(ref reader);
                else if (reader.ValueTextEquals("origClientOrderId"u8)) s.OrigClientOrderId = ReadString(ref reader);
                else if (reader.ValueTextEquals("price"u8)) s.Price = ReadDecimal(ref reader);
                else if (reader.ValueTextEquals("origQty"u8)) s.OrigQty = ReadDecimal(ref reader);
                else if (reader.ValueTextEquals("executedQty"u8)) s.ExecutedQty = ReadDecimal(ref reader);
                else if (reader.ValueTextEquals("cummulativeQuoteQty"u8)) s.CumulativeQuoteQty = ReadDecimal(ref reader);
                else if (reader.ValueTextEquals("transactTime"u8)) s.TransactTimeMs = ReadInt64(ref reader);
                else if (reader.ValueTextEquals("updateTime"u8)) s.UpdateTimeMs = ReadInt64(ref reader);
                else if (reader.ValueTextEquals("status"u8))
                {
                    s.Status = BinanceOrderStatuses.Parse(ReadRaw(ref reader));
                    s.HasStatus = true;
                }
                else if (reader.ValueTextEquals("side"u8))
                {
                    var side = ReadRaw(ref reader);
                    s.Side = side.SequenceEqual("BUY"u8) ? Side.Buy : side.SequenceEqual("SELL"u8) ? Side.Sell : Side.None;
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    var type = ReadRaw(ref reader);
                    s.IsMakerOnly = type.SequenceEqual("LIMIT_MAKER"u8);
                    s.Type = type.SequenceEqual("MARKET"u8) ? OrderType.Market
                        : type.SequenceEqual("LIMIT"u8) || s.IsMakerOnly ? OrderType.Limit
                        : OrderType.None;
                }
                else if (reader.ValueTextEquals("fills"u8))
                {
                    if (!ReadFills(ref reader, s.Fills)) return false;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool ReadFills(ref Utf8JsonReader reader, List<BinanceFill> fills)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            BinanceDecimal price = default, qty = default, commission = default;
            var asset = "";
            long tradeId = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("price"u8)) price = ReadDecimal(ref reader);
                else if (reader.ValueTextEquals("qty"u8)) qty = ReadDecimal(ref reader);
                else if (reader.ValueTextEquals("commission"u8)) commission = ReadDecimal(ref reader);
                else if (reader.ValueTextEquals("commissionAsset"u8)) asset = ReadString(ref reader);
                else if (reader.ValueTextEquals("tradeId"u8)) tradeId = ReadInt64(ref reader);
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            fills.Add(new BinanceFill(price, qty, commission, asset, tradeId));
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() ?? "" : throw new FormatException("expected a string");
    }

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) ? v : throw new FormatException("expected an integer");
    }

    /// <summary>A short string value's bytes, unescaped (status, side and type names).</summary>
    private static ReadOnlySpan<byte> ReadRaw(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) throw new FormatException("expected a string");
        return reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString() ?? "") : reader.ValueSpan;
    }

    private static BinanceDecimal ReadDecimal(ref Utf8JsonReader reader)
    {
        var text = ReadRaw(ref reader);
        return BinanceDecimal.TryParse(text, out var d) ? d : throw new FormatException("expected a decimal string");
    }
}
