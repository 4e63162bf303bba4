using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Binance;

/// <summary>
/// Turns Binance level arrays (<c>[["price","qty"], ...]</c>) into one event per level. Used for diff depth
/// (<c>b</c>/<c>a</c>), partial depth and REST snapshots (<c>bids</c>/<c>asks</c>). Elements after the
/// first two are ignored: 2017-era payloads carried a third, empty array per level.
/// </summary>
internal static class BinanceBookLevels
{
    /// <summary>Append the levels of <paramref name="levelsJson"/> (a JSON array) as copies of
    /// <paramref name="template"/> with Side, Price and Quantity set.</summary>
    public static RejectReason Append(ReadOnlySpan<byte> levelsJson, Side side, in MarketEvent template, Instrument instrument, EventBatch batch)
    {
        var reader = new Utf8JsonReader(levelsJson);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return RejectReason.None;
            if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
            var r = BinanceJson.ReadDecimal(ref reader, instrument.PriceScale, RejectReason.TickMisaligned, out var price, out var priceDecimals);
            if (r != RejectReason.None) return r;
            r = BinanceJson.ReadDecimal(ref reader, instrument.QuantityScale, RejectReason.StepMisaligned, out var quantity, out var quantityDecimals);
            if (r != RejectReason.None) return r;
            if (!BinanceJson.SkipToEndArray(ref reader)) return RejectReason.MalformedJson;

            ref var e = ref batch.Add();
            e = template;
            e.Side = side;
            e.Price = price;
            e.Quantity = quantity;
            e.PriceDecimals = BinanceJson.Decimals(priceDecimals);
            e.QuantityDecimals = BinanceJson.Decimals(quantityDecimals);
        }
        return RejectReason.MalformedJson;
    }

    /// <summary>
    /// Close a book message: with no levels at all still emit one empty event (Side None, quantity 0) so its
    /// update ids reach book sync; flag the first and last events of the message.
    /// </summary>
    public static void Finish(EventBatch batch, int start, in MarketEvent template)
    {
        if (batch.Count == start)
        {
            ref var empty = ref batch.Add();
            empty = template;
        }
        batch[start].Flags |= EventFlags.FirstInMessage;
        batch[batch.Count - 1].Flags |= EventFlags.LastInMessage;
    }
}
