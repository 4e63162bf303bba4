using System.Text.Json;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// Small Utf8JsonReader steps shared by the OKX WebSocket and REST parsers. Input that ends early throws
/// JsonException, which the parsers map to MalformedJson (the only exception path, never taken on good input).
/// </summary>
internal static class OkxJson
{
    /// <summary>The value of the current property must be a string: its raw bytes, or WrongType.</summary>
    public static RejectReason String(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        if (!reader.Read()) throw new JsonException("truncated");
        if (reader.TokenType != JsonTokenType.String)
        {
            value = default;
            return RejectReason.WrongType;
        }
        value = reader.ValueSpan;
        return RejectReason.None;
    }

    /// <summary>The value of the current property must be an integer JSON number (seqId, prevSeqId).</summary>
    public static RejectReason Int64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (!reader.Read()) throw new JsonException("truncated");
        if (reader.TokenType != JsonTokenType.Number) return RejectReason.WrongType;
        return reader.TryGetInt64(out value) ? RejectReason.None : RejectReason.BadNumber;
    }

    /// <summary>OKX <c>checksum</c>: a signed 32-bit JSON number (an unsigned CRC value is accepted and reinterpreted).</summary>
    public static RejectReason Checksum(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        if (!reader.Read()) throw new JsonException("truncated");
        if (reader.TokenType != JsonTokenType.Number) return RejectReason.WrongType;
        if (!reader.TryGetInt64(out var v) || v < int.MinValue || v > uint.MaxValue) return RejectReason.BadNumber;
        value = unchecked((int)v);
        return RejectReason.None;
    }

    /// <summary>
    /// Read one level <c>[price, size, "0", numOrders]</c>; the reader is on its StartArray and ends on its
    /// EndArray. Only price and size are used; the deprecated and order-count entries are skipped.
    /// </summary>
    public static RejectReason Level(ref Utf8JsonReader reader, Instrument instrument,
        out long price, out byte priceDecimals, out long quantity, out byte quantityDecimals)
    {
        price = quantity = 0;
        priceDecimals = quantityDecimals = 0;
        if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
        var index = 0;
        var reason = RejectReason.None;
        while (true)
        {
            if (!reader.Read()) throw new JsonException("truncated");
            if (reader.TokenType == JsonTokenType.EndArray) break;
            if (index < 2)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    reason = RejectReason.WrongType;
                    reader.Skip();
                }
                else if (reason == RejectReason.None)
                {
                    reason = index == 0
                        ? OkxText.Price(reader.ValueSpan, instrument, out price, out priceDecimals)
                        : OkxText.Quantity(reader.ValueSpan, instrument, out quantity, out quantityDecimals);
                }
            }
            else
            {
                reader.Skip();
            }
            index++;
        }
        if (reason != RejectReason.None) return reason;
        return index < 2 ? RejectReason.MissingField : RejectReason.None;
    }
}
